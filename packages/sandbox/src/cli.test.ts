import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/adstract-sandbox.js', import.meta.url));
const DIST = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const KEY = 'adpk_cli_secret_key';
const USER_IP = '198.51.100.42';
const children: ChildProcess[] = [];

beforeAll(() => {
  if (!existsSync(DIST))
    throw new Error('dist/cli.js is missing: run the build before these tests');
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Spawns the CLI and collects its output. */
function run(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp): Promise<RegExpExecArray> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const match = pattern.exec(output.stdout);
      if (match !== null) return match;
      if (Date.now() > deadline || child.exitCode !== null) {
        throw new Error(`no ${pattern} in output:\n${output.stdout}\n${output.stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { child, output, exited, waitFor };
}

describe('adstract-sandbox CLI', () => {
  it('serves both services, logs one redacted line per request, and stops on SIGTERM', async () => {
    const cli = run(['--port', '0', '--model-port', '0']);
    const sandboxUrl = (await cli.waitFor(/Adstract sandbox listening on (http:\/\/\S+)/))[1];
    const modelUrl = (await cli.waitFor(/Model stand-in listening on (http:\/\/\S+)/))[1];
    const response = await fetch(`${sandboxUrl}/api/ad-injection/start/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Adstract-API-Key': KEY },
      body: JSON.stringify({
        prompt: 'How can I improve user retention?',
        request_context: { session_id: 'cli', user_agent: 'vitest', user_ip: USER_IP },
      }),
    });
    expect(response.status).toBe(200);
    await response.body?.cancel();
    const line = (await cli.waitFor(/^.*adstract POST \/api\/ad-injection\/start\/ .*$/m))[0];
    expect(line).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} adstract POST \/api\/ad-injection\/start\/ 200 \d+ms ok "Acme Analytics"$/,
    );
    const model = await fetch(`${modelUrl}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(model.status).toBe(200);
    await model.body?.cancel();
    await cli.waitFor(/model POST \/v1\/chat\/completions 200 \d+ms chat text/);

    // A hung request must not keep the process alive.
    void fetch(`${sandboxUrl}/api/ad-injection/start/`, {
      method: 'POST',
      headers: { 'X-Adstract-API-Key': KEY, 'X-Sandbox-Fault': 'hang' },
      body: '{}',
    }).catch(() => undefined);
    await cli.waitFor(/--- \d+ms fault \[hang\]/);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.output.stdout).not.toContain(KEY);
    expect(cli.output.stdout).not.toContain(USER_IP);
    expect(cli.output.stderr).toBe('');
  });

  it.each([
    ['sandbox', (taken: number) => ['--port', String(taken), '--model-port', '0'], '--port'],
    [
      'model stand-in',
      (taken: number) => ['--port', '0', '--model-port', String(taken)],
      '--model-port',
    ],
  ])(
    'says which port is in use (the %s) and names its flag, without a stack trace',
    async (service, args, flag) => {
      const blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const { port } = blocker.address() as AddressInfo;
      try {
        const cli = run(args(port));
        expect(await cli.exited).toBe(1);
        expect(cli.output.stderr).toBe(
          `adstract-sandbox: the ${service}'s port ${port} on 127.0.0.1 is already in use. Stop what uses it, or pick another with ${flag} (0 picks a free one).\n`,
        );
        expect(cli.output.stdout).toBe('');
      } finally {
        blocker.close();
      }
    },
  );

  it('says to build first, in one line, when dist is missing (a repository checkout)', async () => {
    const checkout = mkdtempSync(join(tmpdir(), 'adstract-sandbox-unbuilt-'));
    try {
      mkdirSync(join(checkout, 'bin'));
      const bin = join(checkout, 'bin', 'adstract-sandbox.js');
      copyFileSync(BIN, bin);
      const child = spawn(process.execPath, [bin, '--port', '0'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toBe(
        'adstract-sandbox: the CLI is not built (dist/cli.js is missing): run the build first: npx -y pnpm@10.34.8 build\n',
      );
    } finally {
      rmSync(checkout, { recursive: true, force: true });
    }
  });

  it('rejects invalid arguments and bad faults with exit code 1, and prints help', async () => {
    const invalid = run(['--port', 'eighty']);
    expect(await invalid.exited).toBe(1);
    expect(invalid.output.stderr).toContain('--port must be a port from 0 to 65535 (got "eighty")');
    const fault = run(['--port', '0', '--fault', 'explode']);
    expect(await fault.exited).toBe(1);
    expect(fault.output.stderr).toMatch(
      /^adstract-sandbox: sandbox fault "explode": unknown fault/,
    );
    expect(fault.output.stderr).not.toMatch(/\n\s+at /);
    const help = run(['--help']);
    expect(await help.exited).toBe(0);
    expect(help.output.stdout).toContain('Usage: adstract-sandbox [options]');
  });
});
