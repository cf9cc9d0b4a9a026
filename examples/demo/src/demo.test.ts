import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '@adstract/sandbox';
import { describe, expect, it } from 'vitest';

const demoDirectory = fileURLToPath(new URL('..', import.meta.url));
const STACK_FRAME = /^\s+at /m;

interface DemoRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Each stdout chunk with the time it arrived (ms since spawn). */
  chunks: { at: number; text: string }[];
}

/** Runs the built demo the way `pnpm demo` does, with the given environment changes. */
function runDemo(
  environment: Record<string, string | undefined>,
  options: { closeStdoutAfterFirstChunk?: boolean; args?: string[] } = {},
): Promise<DemoRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined };
  for (const name of [
    'ADSTRACT_API_KEY',
    'ADSTRACT_BASE_URL',
    'OPENAI_API_KEY',
    'OPENAI_BASE_URL',
    'DEMO_TRACE',
  ]) {
    delete env[name];
  }
  Object.assign(env, environment);
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['launch.mjs', ...(options.args ?? [])], {
      cwd: demoDirectory,
      env,
    });
    const run: DemoRun = { code: null, stdout: '', stderr: '', chunks: [] };
    child.stdout.on('data', (chunk: Buffer) => {
      run.stdout += chunk.toString();
      run.chunks.push({ at: performance.now() - started, text: chunk.toString() });
      if (options.closeStdoutAfterFirstChunk) child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      run.stderr += chunk.toString();
    });
    child.on('exit', (code) => resolve({ ...run, code }));
  });
}

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** The stdout chunk (its index and arrival time) that completed the first occurrence of `text`. */
function arrival(stdout: string, chunks: DemoRun['chunks'], text: string) {
  const end = stdout.indexOf(text) + text.length;
  let length = 0;
  const index = chunks.findIndex((chunk) => {
    length += chunk.text.length;
    return length >= end;
  });
  return { index, at: chunks[index]?.at ?? Number.NaN };
}

describe('the demo, offline', () => {
  it('runs three turns (ad, no fill, tool call), reports each acknowledgement and exits 0', async () => {
    const { code, stdout, stderr, chunks } = await runDemo({});
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const turns = stdout.split(/\nTurn \d/).slice(1);
    expect(turns).toHaveLength(3);
    const [ad, noFill, tool] = turns as [string, string, string];
    expect(ad).toContain('[Sponsored] ');
    expect(ad).toMatch(/↳ ad filled: \S+.* · start \d+ ms · acknowledged: ok · \d+ chars/);
    expect(noFill).toMatch(/↳ no-fill \(original prompt\) · start \d+ ms · no acknowledge needed/);
    expect(noFill).not.toContain('[Sponsored]');
    expect(noFill).not.toContain('acknowledged');
    expect(tool).toMatch(/\[tool getWeather\(\{"city":"Lisbon"\}\)\]/);
    expect(tool).toMatch(/↳ ad filled: \S+.* · start \d+ ms · acknowledged: ok · \d+ chars/);
    expect(stdout).toContain('All acknowledgements settled.');
    expect(stdout).not.toContain('↳ trace');
    // The end user's IP and the sandbox key never reach the terminal.
    expect(stdout).not.toContain('198.51.100.23');
    expect(stdout).not.toContain('adpk_');

    // The first answer visibly streams: its words arrive in many pieces over a noticeable time.
    const first = arrival(stdout, chunks, 'You asked');
    const last = arrival(stdout, chunks, 'I hope this helps.');
    expect(last.index - first.index).toBeGreaterThan(10);
    expect(last.at - first.at).toBeGreaterThan(400);
  }, 20_000);

  it('prints each turn’s ad spans inside the AI SDK’s, and the counters, with --trace', async () => {
    const { code, stdout, stderr } = await runDemo({}, { args: ['--trace'] });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const turns = stdout.split(/\nTurn \d/).slice(1);
    expect(turns).toHaveLength(3);
    for (const turn of turns) {
      expect(turn).toContain('↳ trace: invoke_agent gpt-5-mini › step 1 › chat gpt-5-mini');
    }
    const [ad, noFill] = turns as [string, string, string];
    expect(ad).toMatch(/ {6}adstract\.start \d+ ms · filled · \S+/);
    expect(ad).toMatch(/ {6}adstract\.acknowledge \d+ ms · ok · links to adstract\.start/);
    expect(noFill).toMatch(/ {6}adstract\.start \d+ ms · no-fill\n/);
    expect(noFill).not.toContain('adstract.acknowledge');
    expect(stdout).toContain(
      'metrics: adstract.start.count filled=2 no-fill=1 · adstract.acknowledge.count ok/finished=2',
    );
    expect(stdout).not.toContain('198.51.100.23');
    expect(stdout).not.toContain('adpk_');
  }, 20_000);

  it('explains a malformed API key in one sentence, without a stack trace', async () => {
    const { code, stderr } = await runDemo({ ADSTRACT_API_KEY: 'short', OPENAI_API_KEY: 'unused' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/ValidationError: .*apiKey/);
    expect(stderr).toContain('ADSTRACT_API_KEY');
    expect(stderr).not.toMatch(STACK_FRAME);
    expect(stderr).not.toContain('short');
  });

  it('stops with one clear line and exit 1 when the model is unreachable', async () => {
    const port = await closedPort();
    const { code, stdout, stderr } = await runDemo({
      OPENAI_API_KEY: 'x',
      OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
    });
    expect(code).toBe(1);
    expect(stdout).not.toMatch(STACK_FRAME);
    expect(stderr).not.toMatch(STACK_FRAME);
    expect(stderr).toBe(
      `demo failed: cannot reach the model at http://127.0.0.1:${port}/v1 (connect ECONNREFUSED 127.0.0.1:${port}). Check OPENAI_BASE_URL and that the service is running, or unset OPENAI_API_KEY to use the local model stand-in.\n`,
    );
    expect(stdout).not.toContain('Turn 2');
  }, 30_000);

  it.each([
    ['sk_not_adstract_key', 400, 'is not a valid Adstract key (HTTP 400'],
    ['adpk_revoked_demo_key', 403, 'was refused (HTTP 403: key revoked'],
  ])(
    'stops at the first turn when Adstract rejects the key %s (%i), and exits 1',
    async (key, status, reason) => {
      const sandbox = await startSandbox({ logger: false });
      try {
        const { code, stdout, stderr } = await runDemo({
          ADSTRACT_API_KEY: key,
          ADSTRACT_BASE_URL: sandbox.url,
        });
        expect(code).toBe(1);
        expect(stderr.startsWith(`demo failed: ADSTRACT_API_KEY ${reason}`)).toBe(true);
        expect(stderr).toContain(
          `at ${sandbox.url}. Set ADSTRACT_API_KEY to a valid key, or unset it to use the local sandbox.\n`,
        );
        expect(stderr.split('\n')).toHaveLength(2);
        expect(stdout).not.toContain('AuthenticationError');
        expect(stdout).not.toContain('Turn 2');
        expect(`${stdout}${stderr}`).not.toContain(key);
        expect(sandbox.requests.map((request) => `${request.path} ${request.status}`)).toEqual([
          `/api/ad-injection/start/ ${status}`,
        ]);
      } finally {
        await sandbox.close();
      }
    },
  );

  it('exits quietly when its output is closed early (e.g. piped into head)', async () => {
    const { code, stderr } = await runDemo({}, { closeStdoutAfterFirstChunk: true });
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 20_000);
});
