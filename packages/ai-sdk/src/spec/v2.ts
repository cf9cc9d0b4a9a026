import type { LanguageModelV2, LanguageModelV2StreamPart } from '@ai-sdk/provider';
import { defineSpecAdapter } from './define-spec-adapter.js';

type GenerateResult = Awaited<ReturnType<LanguageModelV2['doGenerate']>>;

/** LanguageModelV2 (ai@5): the finish reason is a plain string, with `unknown` for "not given". */
export const specV2 = defineSpecAdapter<
  LanguageModelV2StreamPart,
  GenerateResult,
  GenerateResult['finishReason']
>({
  version: 'v2',
  partsMatch: true,
  finishReason: (value) => (value === 'unknown' ? 'other' : value),
});
