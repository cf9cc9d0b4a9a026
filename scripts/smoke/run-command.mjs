import { execFileSync } from 'node:child_process';

/** Runs a command, printing its output only when it fails (then rethrowing). */
export function run(command, args, cwd, env = process.env) {
  try {
    return execFileSync(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    process.stdout.write(error.stdout ?? '');
    process.stderr.write(error.stderr ?? '');
    throw error;
  }
}
