import type { ProviderMetadata } from './language-model.js';
import type { FinishReason, SpecAdapter, SpecVersion } from './spec-adapter.js';

/** The part shapes every spec shares: the only ones the ad cycle looks inside. */
type TextDeltaPart = { type: 'text-delta'; delta: string };
type FinishPart<FinishValue> = { type: 'finish'; finishReason: FinishValue };
type WithMetadata = { providerMetadata?: ProviderMetadata | undefined };

/** The generate result shape every spec shares. */
interface ResultOf<FinishValue> {
  content: ReadonlyArray<{ type: string; text?: string }>;
  finishReason: FinishValue;
}

/**
 * Builds a {@link SpecAdapter} from the one thing that differs between the specs in what the
 * middleware reads: how a finish reason is spelled. `Part` and `Result` are the spec's own stream
 * part and generate result types: `Part` must contain the shared text-delta and finish shapes, so
 * an adapter does not compile against a spec whose parts moved.
 */
export function defineSpecAdapter<
  Part extends { type: string },
  Result extends ResultOf<FinishValue>,
  FinishValue,
>(spec: {
  version: SpecVersion;
  finishReason: (value: FinishValue) => FinishReason;
  /** Compile-time proof that the spec's parts have the shared shapes (pass `true`). */
  partsMatch: Extract<Part, { type: 'text-delta' }> extends TextDeltaPart
    ? Extract<Part, { type: 'finish' }> extends FinishPart<FinishValue>
      ? true
      : false
    : false;
}): SpecAdapter {
  return {
    version: spec.version,
    readPart(input) {
      const part = input as Part;
      switch (part.type) {
        case 'text-delta':
          return { kind: 'text', delta: (part as unknown as TextDeltaPart).delta };
        case 'text-start':
          return { kind: 'text-start' };
        case 'finish':
          return {
            kind: 'finish',
            reason: spec.finishReason((part as unknown as FinishPart<FinishValue>).finishReason),
          };
        case 'error':
          return { kind: 'error' };
        default:
          return { kind: 'other' };
      }
    },
    withPartMetadata(input, metadata) {
      const part = input as WithMetadata;
      return { ...part, providerMetadata: { ...part.providerMetadata, ...metadata } };
    },
    readGenerateResult(input) {
      const result = input as Result;
      let text = '';
      for (const content of result.content) {
        if (content.type === 'text' && typeof content.text === 'string') text += content.text;
      }
      return { text, finishReason: spec.finishReason(result.finishReason) };
    },
    withGenerateMetadata(result, metadata) {
      const existing = (result as WithMetadata).providerMetadata;
      return { ...result, providerMetadata: { ...existing, ...metadata } };
    },
  };
}
