import type { LanguageModelV4FinishReason, LanguageModelV4Usage } from '@ai-sdk/provider';
import * as aiTest from 'ai/test';

/**
 * The AI SDK major this test run exercises. The behaviour suite runs once per major (see
 * vitest.config.ts): `ai`, `ai/test` and `@ai-sdk/openai` then resolve to that major's packages,
 * and the helpers here build mocks in its spec version (ai@5: V2, ai@6: V3, ai@7: V4). Tests are
 * typed against V4; at run time they get the shapes of the major under test.
 */
export const AI_MAJOR = Number(process.env.AI_MAJOR ?? '7') as 5 | 6 | 7;

/** The spec version of the major under test. */
export const SPEC_VERSION = (['v2', 'v3', 'v4'] as const)[AI_MAJOR - 5]!;

/** The mock model class of the major under test (`MockLanguageModelV2`, `V3` or `V4`). */
export const MockLanguageModel = (aiTest as unknown as Record<string, unknown>)[
  `MockLanguageModel${SPEC_VERSION.toUpperCase()}`
] as typeof aiTest.MockLanguageModelV4;

/** An instance of {@link MockLanguageModel}. */
export type MockModel = InstanceType<typeof aiTest.MockLanguageModelV4>;

/** A finish reason with the given unified value, spelled as the major under test spells it. */
export function finishReason(
  unified: LanguageModelV4FinishReason['unified'] = 'stop',
): LanguageModelV4FinishReason {
  if (AI_MAJOR === 5) return unified as unknown as LanguageModelV4FinishReason;
  return { unified, raw: unified };
}

/** Token usage in the major's shape (V2 counts numbers; V3 and V4 break them down). */
export const usage: LanguageModelV4Usage =
  AI_MAJOR === 5
    ? ({ inputTokens: 3, outputTokens: 10, totalTokens: 13 } as unknown as LanguageModelV4Usage)
    : {
        inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: 10, text: 10, reasoning: undefined },
      };

/**
 * The `generateText` option for structured output: ai@5 names it `experimental_output`, ai@6 and
 * ai@7 `output`.
 */
export function structuredOutput<Output>(output: Output): { output: Output } {
  return (AI_MAJOR === 5 ? { experimental_output: output } : { output }) as { output: Output };
}

/** The structured output of a `generateText` result (ai@5: `experimental_output`). */
export function outputOf(result: { output: unknown }): unknown {
  return AI_MAJOR === 5
    ? (result as unknown as { experimental_output: unknown }).experimental_output
    : result.output;
}
