import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { stopGroup } from './process-group.js';

const appDir = fileURLToPath(new URL('..', import.meta.url));

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A running `next start`. */
export interface NextServer {
  url: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /**
   * Sends SIGTERM to its whole process group (whatever `next start` runs, the `next-server`
   * holding the port included), waits until every process in it has exited, SIGKILLs what is
   * left after `timeoutMs`, and resolves with the milliseconds from SIGTERM until it was gone.
   */
  stop(timeoutMs?: number): Promise<number>;
}

/** Runs `next start` on the built app with the given environment; resolves once it serves `/`. */
export async function startNext(env: Record<string, string>): Promise<NextServer> {
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(
    'node_modules/.bin/next',
    ['start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: appDir,
      env: { ...process.env, ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: teardown stops everything it started, and waits for it.
      detached: true,
    },
  );
  const groupId = child.pid;
  if (groupId === undefined) throw new Error('next start did not spawn');
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  let stopping: Promise<number> | undefined;
  const stop = (timeoutMs = 15_000) => {
    stopping ??= stopGroup(groupId, { timeoutMs, signalGroup: true });
    return stopping;
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited early:\n${output}`);
    try {
      const response = await fetch(url);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop(1_000);
      throw new Error(`next start did not come up:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, output: () => output, stop };
}
