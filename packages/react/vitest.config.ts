import { configDefaults, defineConfig } from 'vitest/config';

// The DOM suite runs twice: against React 19 (the dev dependency) and against React 18 (aliased
// npm packages), since both are supported peers. Server rendering runs in plain Node.
const dom = ['src/**/*.test.tsx'];
const server = ['src/**/*.server.test.tsx'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['src/**/*.test.ts', ...server],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'dom',
          include: dom,
          exclude: [...configDefaults.exclude, ...server],
          environment: 'happy-dom',
          provide: { reactMajor: 19 },
        },
      },
      {
        resolve: {
          alias: [
            { find: /^react-dom(\/.*)?$/, replacement: 'react-dom-18$1' },
            { find: /^react(\/.*)?$/, replacement: 'react-18$1' },
          ],
        },
        test: {
          name: 'dom-react-18',
          include: dom,
          exclude: [...configDefaults.exclude, ...server],
          environment: 'happy-dom',
          setupFiles: ['test/react-18-setup.ts'],
          provide: { reactMajor: 18 },
        },
      },
    ],
  },
});

declare module 'vitest' {
  export interface ProvidedContext {
    /** The React major version a DOM project runs against. */
    reactMajor: number;
  }
}
