// Runs after every install (the root `postinstall`). pnpm's shim for the `node` devDependency is a
// shell script that starts Node as its child: signals (Ctrl+C, SIGTERM from a supervisor) reach the
// shell, which dies at once, while Node is left to run, and pnpm reports a failed command. A
// symlink to the binary instead puts the same Node on PATH with no process in between.
import { lstatSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

const bin = resolve(import.meta.dirname, '../node_modules/.bin');
const shim = join(bin, 'node');
const target = '../node/bin/node';
try {
  const stat = lstatSync(shim);
  if (!(stat.isSymbolicLink() && readlinkSync(shim) === target)) {
    rmSync(shim);
    symlinkSync(target, shim);
  }
} catch (error) {
  // No `node` devDependency installed (e.g. `--prod`): nothing to link.
  if (error.code !== 'ENOENT') throw error;
}
