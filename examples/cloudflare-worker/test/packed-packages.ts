import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
const packageManager = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { packageManager: string }
).packageManager;

/**
 * The pnpm that runs this test (`pnpm test`, also under turbo), else the repository's through npx.
 * Under turbo, a nested `npx -y pnpm@…` hangs instead of starting, so the running one is preferred.
 */
function pnpmCommand(): [string, string[]] {
  const running = process.env.npm_execpath;
  if (process.env.npm_config_user_agent?.startsWith('pnpm/') && running !== undefined) {
    return [process.execPath, [running]];
  }
  return ['npx', ['-y', packageManager]];
}

interface PackedManifest {
  name: string;
  dependencies?: Record<string, string>;
}

/**
 * Installs the published form of workspace packages into `project`: packs each (`pnpm pack`, what
 * `pnpm publish` uploads) and extracts it into `project/node_modules/<name>`. Their other
 * dependencies, as the packed package.json declares them, link to the copies the workspace
 * installed (no registry involved). Returns the package names.
 */
export function installPackedPackages(project: string, workspaceDirectories: string[]): string[] {
  const tarballs = join(project, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  const names: string[] = [];
  for (const directory of workspaceDirectories) {
    const before = new Set(readdirSync(tarballs));
    const [command, prefix] = pnpmCommand();
    execFileSync(command, [...prefix, 'pack', '--pack-destination', tarballs], {
      cwd: join(root, directory),
      stdio: 'pipe',
      timeout: 30_000, // a synchronous call: vitest's hook timeout cannot interrupt it
    });
    const tarball = readdirSync(tarballs).find((file) => !before.has(file));
    if (tarball === undefined) throw new Error(`pnpm pack wrote no tarball for ${directory}`);
    const manifest = JSON.parse(
      execFileSync('tar', ['-xzOf', join(tarballs, tarball), 'package/package.json'], {
        encoding: 'utf8',
      }),
    ) as PackedManifest;
    const target = join(project, 'node_modules', manifest.name);
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', join(tarballs, tarball), '-C', target, '--strip-components=1']);
    names.push(manifest.name);
    for (const dependency of Object.keys(manifest.dependencies ?? {})) {
      if (workspaceDirectories.some((other) => packageName(other) === dependency)) continue;
      const link = join(project, 'node_modules', dependency);
      if (existsSync(link)) continue;
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(realpathSync(join(root, directory, 'node_modules', dependency)), link, 'dir');
    }
  }
  return names;
}

function packageName(directory: string): string {
  return (JSON.parse(readFileSync(join(root, directory, 'package.json'), 'utf8')) as PackedManifest)
    .name;
}
