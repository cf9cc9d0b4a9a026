import { configDefaults, defineConfig } from 'vitest/config';
import packageJson from './package.json' with { type: 'json' };

export default defineConfig({
  // The same constant tsup defines at build time (see src/version.ts).
  define: { __PACKAGE_VERSION__: JSON.stringify(packageJson.version) },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['src/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'src/**/*.edge.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'edge',
          include: ['src/**/*.edge.test.ts'],
          environment: 'edge-runtime',
        },
      },
    ],
  },
});
