import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['src/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'src/**/*.edge.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'edge',
          include: ['src/**/*.edge.test.ts'],
          environment: 'edge-runtime',
        },
      },
    ],
  },
});
