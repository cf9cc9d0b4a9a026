/**
 * The parts of the AI SDK's language model interface the middleware reads, typed structurally so
 * that the same declarations fit LanguageModelV2 (ai@5), V3 (ai@6) and V4 (ai@7): the public types
 * of this package never import a spec version, so they type-check beside whichever `ai` major the
 * app has installed.
 */

/** A prompt message: `system`, `user`, `assistant` or `tool`, with the content of its spec. */
export interface PromptMessage {
  readonly role: string;
  readonly content: unknown;
}

/** `providerOptions` of a call: one JSON object per provider namespace. */
export type ProviderOptions = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** `providerMetadata` of a result or of a stream's finish part. */
export type ProviderMetadata = Record<string, Record<string, unknown>>;

/** What the middleware reads of a model call's options (V2, V3 and V4 call options all fit). */
export interface AdstractCallOptions {
  readonly prompt: ReadonlyArray<PromptMessage>;
  readonly providerOptions?: ProviderOptions | undefined;
  readonly responseFormat?: { readonly type: string } | undefined;
  readonly abortSignal?: AbortSignal | undefined;
  readonly headers?: Readonly<Record<string, string | undefined>> | undefined;
}

/** What the middleware reads of the model it wraps. */
export interface WrappedModel {
  /** `v2`, `v3` or `v4`: which spec the calls and results of this model follow. */
  readonly specificationVersion: string;
  readonly provider: string;
  readonly modelId: string;
}

/** A `doGenerate` result, in any of the three specs. */
export interface GenerateResultLike {
  readonly content: ReadonlyArray<{ readonly type: string }>;
  readonly finishReason: unknown;
  readonly providerMetadata?: ProviderMetadata | undefined;
}

/** A `doStream` result, in any of the three specs. */
export interface StreamResultLike {
  readonly stream: ReadableStream<unknown>;
}
