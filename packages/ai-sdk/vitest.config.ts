import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as { version: string };

/** The AI SDK majors the middleware supports, each with its provider spec and OpenAI provider. */
const MAJORS = [
  { major: 5, ai: 'ai-v5', openai: 'openai-v2' },
  { major: 6, ai: 'ai-v6', openai: 'openai-v3' },
  { major: 7, ai: 'ai', openai: '@ai-sdk/openai' },
] as const;

/** The behaviour suite: everything that drives the middleware through the AI SDK itself. */
const BEHAVIOUR_SUITE = [
  'src/adstract-middleware*.test.ts',
  'src/integration/openai-provider.test.ts',
];
const STRESS = ['src/integration/stress.test.ts'];

export default defineConfig({
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  test: {
    testTimeout: 20_000,
    // The stress test checks that the heap returns to its baseline: it needs `gc()` in the
    // workers (vitest 5: `test.execArgv`, passed to each forked worker; it fails without it).
    execArgv: ['--expose-gc'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          exclude: [...BEHAVIOUR_SUITE, ...STRESS],
        },
      },
      // One behaviour suite, run once per major: `ai` and `@ai-sdk/openai` resolve to that major's
      // packages (npm aliases), and `testing/ai-major.ts` builds mocks of its spec version.
      ...MAJORS.map(({ major, ai, openai }) => ({
        extends: true,
        resolve: {
          alias: [
            { find: /^ai$/, replacement: ai },
            { find: /^ai\/test$/, replacement: `${ai}/test` },
            { find: /^@ai-sdk\/openai$/, replacement: openai },
          ],
        },
        test: { name: `ai@${major}`, include: BEHAVIOUR_SUITE, env: { AI_MAJOR: String(major) } },
      })),
      { extends: true, test: { name: 'stress', include: STRESS, env: { AI_MAJOR: '7' } } },
    ],
  },
});
