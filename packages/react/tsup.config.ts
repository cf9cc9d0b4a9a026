import { defineConfig, type Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

// esbuild drops module directives when it bundles, so the client entry gets 'use client' as a
// banner, and the main entry keeps `./client.js` as an import instead of inlining it: React
// Server Components then see the components as client references and the rest as plain code.
const keepClientEntry: EsbuildPlugin = {
  name: 'keep-client-entry',
  setup(build) {
    build.onResolve({ filter: /^\.\/client\.js$/ }, (args) => ({
      path: args.path,
      external: true,
    }));
  },
};

const shared: Options = {
  format: ['esm'],
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  sourcemap: true,
  external: ['react', '@adstract/client'],
};

export default defineConfig([
  { ...shared, entry: { client: 'src/client.ts' }, banner: { js: "'use client';" } },
  { ...shared, entry: { index: 'src/index.ts' }, esbuildPlugins: [keepClientEntry] },
]);
