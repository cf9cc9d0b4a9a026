import { type BuildResult, build, type Plugin } from 'esbuild';

/** Packages to resolve from another project (one whose node_modules has them) than the importer's. */
export interface ResolveFrom {
  /** The project directory: `packages` are looked up in its node_modules. */
  directory: string;
  packages: readonly string[];
}

/**
 * Bundles Worker entry points (`{ name: path }`) into `outdir/<name>.js` the way wrangler does:
 * one ES module each, the `workerd` / `worker` / `browser` export conditions, `cloudflare:*`
 * modules left to the runtime. With `resolveFrom`, those packages come from that project wherever
 * they are imported (the packages' imports of each other included), not from the workspace.
 */
export async function bundleWorkers(options: {
  entryPoints: Record<string, string>;
  outdir: string;
  resolveFrom?: ResolveFrom;
}): Promise<BuildResult<{ metafile: true }>> {
  return build({
    entryPoints: options.entryPoints,
    outdir: options.outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    external: ['cloudflare:*', 'node:*'],
    metafile: true,
    logLevel: 'warning',
    plugins: options.resolveFrom === undefined ? [] : [resolveFromProject(options.resolveFrom)],
  });
}

const RESOLVING = Symbol('resolving from the project');

function resolveFromProject({ directory, packages }: ResolveFrom): Plugin {
  const names = new Set(packages);
  return {
    name: 'resolve-from-project',
    setup(builder) {
      builder.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (!names.has(args.path) || args.pluginData === RESOLVING) return undefined;
        // Resolved as an import from the project itself: its package.json `exports` decide.
        const result = await builder.resolve(args.path, {
          kind: args.kind,
          resolveDir: directory,
          pluginData: RESOLVING,
        });
        return result.errors.length > 0 ? { errors: result.errors } : { path: result.path };
      });
    },
  };
}
