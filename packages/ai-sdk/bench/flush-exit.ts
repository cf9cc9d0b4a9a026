// 3: how soon a process exits after flush() while one of its ad streams is unread: flush()
// acknowledges it and cancels the model's stream, so no socket keeps the process alive. The
// model streams slowly (a chunk every 200 ms: the answer would take seconds to end by itself).
import { spawn } from 'node:child_process';
import { startModelStandIn, startSandbox } from '@adstract/sandbox';
import { type Summary, summarize } from './stats.ts';

export interface FlushExitResult {
  rounds: number;
  /** From flush() resolving in the child to the child's exit. */
  exitMs: Summary;
  /** Acknowledges the sandbox received, one per round. */
  acknowledges: number;
}

/** Runs the child once and times it; rejects when it fails. */
function once(adstractUrl: string, modelUrl: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [new URL('./flush-exit-child.ts', import.meta.url).pathname, adstractUrl, modelUrl],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.on('exit', (code) => {
      const exitedAt = performance.timeOrigin + performance.now();
      const flushedAt = Number(/flushed ([\d.]+)/.exec(output)?.[1]);
      if (code !== 0 || !Number.isFinite(flushedAt)) {
        reject(new Error(`3: the child failed (exit ${code}): ${output}`));
      } else {
        resolve(exitedAt - flushedAt);
      }
    });
  });
}

export async function flushExit(rounds: number): Promise<FlushExitResult> {
  const sandbox = await startSandbox({ logger: false });
  const standIn = await startModelStandIn({ chunkDelayMs: 200 });
  try {
    const samples: number[] = [];
    for (let round = 0; round < rounds; round++) {
      samples.push(await once(sandbox.url, `${standIn.url}`));
    }
    const acknowledges = sandbox.requests.filter((request) =>
      request.path.includes('/acknowledge'),
    ).length;
    if (acknowledges !== rounds) throw new Error(`3: ${acknowledges} acknowledges for ${rounds}`);
    return { rounds, exitMs: summarize(samples), acknowledges };
  } finally {
    await Promise.all([sandbox.close(), standIn.close()]);
  }
}
