import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as { version: string };

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  sourcemap: true,
  clean: true,
  // The version sent as SDK diagnostics comes from package.json at build time, so a release bump
  // (`changeset version`) changes it with nothing else to edit.
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
});
