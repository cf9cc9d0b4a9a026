import { defineConfig } from 'tsup';
import packageJson from './package.json' with { type: 'json' };

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'internal/index': 'src/internal/index.ts',
    'segments/index': 'src/segments/index.ts',
  },
  format: ['esm'],
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  sourcemap: true,
  clean: true,
  // VERSION comes from package.json, so a release bump (`changeset version`) needs no edit here.
  define: { __PACKAGE_VERSION__: JSON.stringify(packageJson.version) },
});
