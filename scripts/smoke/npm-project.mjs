import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './run-command.mjs';

/**
 * Makes `dir` an empty ESM npm project named `name` and installs `packages` into it (tarball
 * paths and `name@version` specs) the way an app would: default strict peers, no flags that
 * loosen resolution. Returns `dir`.
 */
export function createNpmProject({ dir, name, packages }) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...packages], dir);
  return dir;
}
