import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const demoDirectory = fileURLToPath(new URL('..', import.meta.url));

/** Runs the built demo the way `pnpm demo` does, with the given environment changes. */
function runDemo(environment: Record<string, string | undefined>) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined };
  for (const name of [
    'ADSTRACT_API_KEY',
    'ADSTRACT_BASE_URL',
    'OPENAI_API_KEY',
    'OPENAI_BASE_URL',
  ]) {
    delete env[name];
  }
  Object.assign(env, environment);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['launch.mjs'], { cwd: demoDirectory, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the demo, offline', () => {
  it('runs three turns (ad, no fill, tool call), reports each acknowledgement and exits 0', async () => {
    const { code, stdout, stderr } = await runDemo({});
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const turns = stdout.split(/\nTurn \d/).slice(1);
    expect(turns).toHaveLength(3);
    const [ad, noFill, tool] = turns as [string, string, string];
    expect(ad).toContain('[Sponsored] ');
    expect(ad).toMatch(/ad filled: \S+/);
    expect(ad).toContain('acknowledged: ok');
    expect(noFill).toContain('no-fill (original prompt)');
    expect(noFill).not.toContain('[Sponsored]');
    expect(noFill).not.toContain('acknowledged');
    expect(tool).toMatch(/\[tool getWeather\(\{"city":"Lisbon"\}\)\]/);
    expect(tool).toContain('acknowledged: ok');
    expect(stdout).toContain('All acknowledgements settled.');
    // The end user's IP and the sandbox key never reach the terminal.
    expect(stdout).not.toContain('198.51.100.23');
    expect(stdout).not.toContain('adpk_');
  });

  it('explains a malformed API key in one sentence, without a stack trace', async () => {
    const { code, stderr } = await runDemo({ ADSTRACT_API_KEY: 'short', OPENAI_API_KEY: 'unused' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/ValidationError: .*apiKey/);
    expect(stderr).toContain('ADSTRACT_API_KEY');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toContain('short');
  });
});
