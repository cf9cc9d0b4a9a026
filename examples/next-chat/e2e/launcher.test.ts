import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from './next-server.js';
import { isGroupAlive, stopGroup } from './process-group.js';
import { pause } from './wait.js';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const LAUNCHER = 'scripts/with-local-services.mjs';
// Loaded before the launcher: prints a line whenever anything resolves @adstract/sandbox.
const WATCH_SANDBOX = `data:text/javascript,${encodeURIComponent(
  "import { registerHooks } from 'node:module'; registerHooks({ resolve(specifier, context, next) { if (specifier === '@adstract/sandbox') console.log('loaded @adstract/sandbox'); return next(specifier, context); } });",
)}`;

/** Runs the launcher in a process group of its own, collecting what it prints. */
function launch(args: string[], env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, ['--import', WATCH_SANDBOX, LAUNCHER, ...args], {
    cwd: appDir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, output: () => output };
}

const withoutKeys = { ADSTRACT_API_KEY: undefined, OPENAI_API_KEY: undefined };

describe('scripts/with-local-services.mjs', () => {
  it('with both keys set, runs the command without loading the sandbox or starting a stand-in', async () => {
    const script = 'console.log("stand-ins: " + (process.env.LOCAL_MODEL_STAND_IN ?? "none"))';
    const run = launch([process.execPath, '-e', script], {
      ADSTRACT_API_KEY: 'adpk_real_key_here',
      OPENAI_API_KEY: 'sk-real',
    });
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('stand-ins: none');
    expect(run.output()).not.toContain('loaded @adstract/sandbox');
  });

  it('without keys, starts the stand-ins, and the page says so', async () => {
    const port = await freePort();
    const run = launch(
      ['node_modules/.bin/next', 'start', '-H', '127.0.0.1', '-p', String(port)],
      withoutKeys,
    );
    const groupId = Number(run.child.pid);
    try {
      let page = '';
      for (let attempt = 0; attempt < 120 && page === ''; attempt++) {
        page = await fetch(`http://127.0.0.1:${port}/`).then(
          (response) => (response.ok ? response.text() : ''),
          () => '',
        );
        if (page === '') await pause(250);
      }
      expect(run.output()).toContain('loaded @adstract/sandbox');
      expect(page).toContain('Local stand-ins.');

      // A supervisor's SIGTERM to the launcher alone: Next.js gets it, and everything exits.
      const exitMs = await stopGroup(groupId, { timeoutMs: 15_000, signalGroup: false });
      console.log(`SIGTERM → launcher and next start gone: ${Math.round(exitMs)} ms`);
      expect(isGroupAlive(groupId)).toBe(false);
      expect(exitMs).toBeLessThan(15_000);
      expect(await run.exited).toBe(0);
      const refused = await fetch(`http://127.0.0.1:${port}/`).then(
        () => false,
        () => true,
      );
      expect(refused).toBe(true);
    } finally {
      if (isGroupAlive(groupId)) process.kill(-groupId, 'SIGKILL');
    }
  });
});
