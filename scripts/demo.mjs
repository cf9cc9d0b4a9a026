// `pnpm demo`: builds what the demo needs, quietly (build output only on failure, no Turborepo
// telemetry notice), then runs it. Ctrl+C ends the demo like a normal exit.
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const build = spawnSync(
  'turbo',
  ['run', 'build', '--filter=@adstract/example-demo...', '--output-logs=errors-only'],
  {
    cwd: root,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  },
);
if (build.status !== 0) {
  process.stdout.write(build.stdout ?? '');
  process.stderr.write(build.stderr ?? String(build.error ?? ''));
  process.exit(build.status ?? 1);
}

const demo = spawn(process.execPath, ['launch.mjs', ...process.argv.slice(2)], {
  cwd: resolve(root, 'examples/demo'),
  stdio: 'inherit',
});
let stopped = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopped = true;
    demo.kill(signal);
  });
}
demo.on('exit', (code) => process.exit(stopped ? 0 : (code ?? 1)));
