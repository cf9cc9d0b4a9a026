import type {
  LanguageModelV4FinishReason,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import { defineSpecAdapter } from './define-spec-adapter.js';

/** LanguageModelV4 (ai@7): `{ unified, raw }`, with `interrupted` for a stream the provider cut. */
export const specV4 = defineSpecAdapter<
  LanguageModelV4StreamPart,
  LanguageModelV4GenerateResult,
  LanguageModelV4FinishReason
>({
  version: 'v4',
  partsMatch: true,
  finishReason: (value) => value.unified,
});
