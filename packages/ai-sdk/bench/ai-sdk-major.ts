// The AI SDK majors the bench measures 1a against, loaded from the npm aliases the behaviour suite
// uses (ai-v5, ai-v6, and ai itself for v7). Typed as ai@7: the other majors take the same calls.
import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import type * as AiModule from 'ai';
import type { MockLanguageModelV4 } from 'ai/test';

/** What 1a needs from one major. */
export interface AiSdkMajor {
  major: 5 | 6 | 7;
  streamText: typeof AiModule.streamText;
  wrapLanguageModel: typeof AiModule.wrapLanguageModel;
  /** The major's mock model class (V2, V3 or V4). */
  MockModel: typeof MockLanguageModelV4;
  /** The finish part of an answer, in the major's spec. */
  finishPart: LanguageModelV4StreamPart;
}

const PACKAGES = { 5: 'ai-v5', 6: 'ai-v6', 7: 'ai' } as const;

/** Loads one major's `ai` and `ai/test`. */
export async function loadAiSdkMajor(major: 5 | 6 | 7): Promise<AiSdkMajor> {
  const name = PACKAGES[major];
  const ai = (await import(name)) as typeof AiModule;
  const test = (await import(`${name}/test`)) as Record<string, unknown>;
  const spec = `V${major - 3}`;
  const finishPart = (
    major === 5
      ? {
          type: 'finish',
          finishReason: 'stop',
          usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
        }
      : {
          type: 'finish',
          finishReason: { unified: 'stop', raw: 'stop' },
          usage: {
            inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
            outputTokens: { total: 1, text: 1, reasoning: undefined },
          },
        }
  ) as LanguageModelV4StreamPart;
  return {
    major,
    streamText: ai.streamText,
    wrapLanguageModel: ai.wrapLanguageModel,
    MockModel: test[`MockLanguageModel${spec}`] as typeof MockLanguageModelV4,
    finishPart,
  };
}
