import type {
  LanguageModelV3FinishReason,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
} from '@ai-sdk/provider';
import { defineSpecAdapter } from './define-spec-adapter.js';

/** LanguageModelV3 (ai@6): the finish reason is `{ unified, raw }`. */
export const specV3 = defineSpecAdapter<
  LanguageModelV3StreamPart,
  LanguageModelV3GenerateResult,
  LanguageModelV3FinishReason
>({
  version: 'v3',
  partsMatch: true,
  finishReason: (value) => value.unified,
});
