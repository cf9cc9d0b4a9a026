import type { ProviderMetadata } from './language-model.js';

/** The spec versions of the language model interface the middleware speaks. */
export type SpecVersion = 'v2' | 'v3' | 'v4';

/** How a model call ended, in the newest spec's terms (V2's `unknown` reads as `other`). */
export type FinishReason =
  | 'stop'
  | 'length'
  | 'content-filter'
  | 'tool-calls'
  | 'error'
  | 'interrupted'
  | 'other';

/** What one stream part means to the ad cycle. */
export type StreamEvent =
  | { kind: 'text'; delta: string }
  | { kind: 'text-start' }
  | { kind: 'finish'; reason: FinishReason }
  | { kind: 'error' }
  | { kind: 'other' };

/**
 * Translates one spec version's stream parts, generate results and provider metadata into the
 * version-neutral view the ad cycle is written against. The cycle never reads a spec type itself.
 */
export interface SpecAdapter {
  readonly version: SpecVersion;
  /** What a stream part means: text, the finish (with its reason), an error part, or anything else. */
  readPart(part: unknown): StreamEvent;
  /**
   * A `finish` or `text-start` part with `metadata` added to its provider metadata (the model's
   * own is kept).
   */
  withPartMetadata(part: unknown, metadata: ProviderMetadata): unknown;
  /** The text the user receives from a generate result, and how the call ended. */
  readGenerateResult(result: unknown): { text: string; finishReason: FinishReason };
  /** The generate result with `metadata` added to its provider metadata. */
  withGenerateMetadata<Result>(result: Result, metadata: ProviderMetadata): Result;
}
