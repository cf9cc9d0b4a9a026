import type {
  AcknowledgmentStatus,
  AdSDKError,
  Adstract,
  OptionalContext,
  RequestContext,
  WrappingType,
} from '@adstract/client';
import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';

/** Flattens an intersection into one object type (which, unlike an interface, is a `JSONObject`). */
type Flatten<T> = { [K in keyof T]: T[K] };

/**
 * Per-call Adstract context: what `providerOptions.adstract` holds, or what the `context` option
 * returns. `sessionId`, `userAgent` and `userIp` are required for an ad request. It is a plain
 * object type so it can be passed as `providerOptions.adstract` without a cast.
 */
export type AdstractCallContext = Flatten<
  Partial<RequestContext> &
    OptionalContext & {
      /** `true` skips ads for this call: no request to Adstract, the prompt is unchanged. */
      disabled?: boolean;
    }
>;

/** Why a call went to the model without an ad request. */
export type SkipReason =
  | 'disabled'
  | 'no-user-text'
  | 'structured-output'
  | 'invalid-context'
  | 'duplicate'
  | 'circuit-open';

/** Events reported through `onOutcome`. Never carries the end user's IP or the API key. */
export type AdstractOutcomeEvent =
  | { type: 'requested'; sessionId: string }
  | {
      type: 'filled';
      sessionId: string;
      adResponseId: string;
      productName: string | null;
      durationMs: number;
    }
  | { type: 'no-fill'; sessionId: string; durationMs: number }
  | { type: 'rejected'; sessionId: string; durationMs: number }
  | {
      type: 'failed';
      sessionId: string;
      durationMs: number;
      error: AdSDKError;
      /** What kind of failure: only `unavailable` counts toward the circuit breaker. */
      reason: StartFailureReason;
    }
  | { type: 'skipped'; reason: SkipReason }
  | {
      type: 'acknowledged';
      adResponseId: string;
      status: AcknowledgmentStatus;
      /** Time the acknowledge request took. */
      durationMs: number;
      /** Length of the acknowledged text, in UTF-16 code units. */
      textLength: number;
      /** Why the answer ended (see {@link AnswerEnding}). */
      ending: AnswerEnding;
    }
  | { type: 'acknowledge-failed'; adResponseId: string; durationMs: number; error: AdSDKError }
  | { type: 'circuit'; state: 'open' | 'half-open' | 'closed'; cause: CircuitCause };

/**
 * How an answer ended, as far as the middleware can tell: `finished` normally; `aborted` by the
 * caller's abort signal; `cancelled` by the stream's consumer (`reader.cancel()`, no abort signal);
 * `error` by a provider error; `timeout` when no next step came within `continuationTimeoutMs`;
 * `evicted` when the cache was full or the answer was in flight longer than `cache.maxAgeMs` (a
 * stalled stream); `flushed` by `flush()`.
 */
export type AnswerEnding =
  | 'finished'
  | 'aborted'
  | 'cancelled'
  | 'error'
  | 'timeout'
  | 'evicted'
  | 'flushed';

/**
 * Why a start call gave no ad. `unavailable`: network failure, time budget, 429 or 5xx (Adstract
 * looks unhealthy; counts toward the circuit breaker). `duplicate`: 409, Adstract already has an ad
 * request for this message. `aborted`: the caller aborted the call (not reported to `onError`).
 * `invalid`: any other 4xx, an unusable answer, or a request the client refused to send.
 */
export type StartFailureReason = 'unavailable' | 'duplicate' | 'aborted' | 'invalid';

/** What moved the circuit breaker. */
export type CircuitCause =
  | 'acknowledge-server-error'
  | 'start-failures'
  | 'probe-succeeded'
  | 'cool-down-elapsed'
  | 'probe-failed';

/** Circuit breaker settings: stop calling Adstract for a while when it misbehaves. */
export interface CircuitBreakerOptions {
  /**
   * Consecutive unhealthy start answers (network failure, time budget, 429, 5xx) that open the
   * circuit. Other failures (409, 401, 400, an unusable answer, a caller abort) neither count nor
   * reset the count. Default 5.
   */
  failureThreshold?: number;
  /** How long the circuit stays open before one probe call is let through. Default 30 000 ms. */
  coolDownMs?: number;
}

/** Options of {@link adstractMiddleware}. Every one is optional. */
export interface AdstractMiddlewareOptions {
  /** Adstract API key. Default: `ADSTRACT_API_KEY`. Ignored when `client` is given. */
  apiKey?: string;
  /** Adstract base URL. Default: `ADSTRACT_BASE_URL`, then `https://api.adstract.ai`. */
  baseURL?: string;
  /** A shared, already configured client. */
  client?: Adstract;
  /** How the model is told to wrap ad content. Default `xml`. */
  wrappingType?: WrappingType;
  /**
   * Time budget of the whole start call, retries and backoff included (it is on the critical path
   * of the answer): past it the original prompt is used. Default 3000 ms.
   */
  timeoutMs?: number;
  /**
   * Time limit of each acknowledge request (sent after the answer, off its critical path).
   * Default 30 000 ms.
   */
  acknowledgeTimeoutMs?: number;
  /** Retries of the start call on 429, 5xx and network failures. Default 0. */
  retries?: number;
  /** Fetch implementation for the Adstract calls (tests, edge runtimes). */
  fetch?: typeof globalThis.fetch;
  /**
   * Context for calls that do not pass `providerOptions.adstract` (or defaults for those that do:
   * `providerOptions.adstract` wins field by field). An object, or a function of the call params.
   */
  context?:
    | AdstractCallContext
    | ((
        params: LanguageModelV4CallOptions,
      ) => AdstractCallContext | undefined | PromiseLike<AdstractCallContext | undefined>);
  /**
   * Receives a promise that settles once an enhanced answer is acknowledged: pass `after` from
   * `next/server` or `waitUntil` from `@vercel/functions` so serverless platforms keep the
   * function alive until the acknowledge is sent.
   */
  waitUntil?: (promise: Promise<unknown>) => void;
  /** Receives every Adstract failure. Default: one `console.warn` line (name and message only). */
  onError?: (error: AdSDKError) => void;
  /** Receives what happened to each call: requested, filled, no-fill, acknowledged, ... */
  onOutcome?: (event: AdstractOutcomeEvent) => void;
  /** Throw Adstract failures instead of falling back to the original prompt (for development). */
  strict?: boolean;
  /**
   * After a model call that ends in `tool-calls` (or fails and may be retried), how long to wait
   * for the next step before acknowledging what was produced so far. Default 30 000 ms.
   */
  continuationTimeoutMs?: number;
  /**
   * Bounds of the per-message cache: `maxEntries` answers in flight (default 10 000; when full the
   * oldest is acknowledged with what it has), `maxSettledEntries` finished messages remembered for
   * late steps and retries (default 1 000), `maxAgeMs` for both (default 10 minutes: an answer in
   * flight longer than that, such as a stalled stream, is acknowledged with its partial text).
   */
  cache?: { maxEntries?: number; maxSettledEntries?: number; maxAgeMs?: number };
  /** Circuit breaker settings, or `false` to turn it off. */
  circuitBreaker?: CircuitBreakerOptions | false;
}

/** What happened to the ad of one call. */
export type AdstractStatus = 'filled' | 'no-fill' | 'rejected' | 'failed' | 'skipped';

/**
 * The value of `providerMetadata.adstract`: on every generate result, and on the stream's finish
 * part of streams that carry an ad (streams without an ad are returned untouched).
 */
export interface AdstractMetadata {
  [key: string]: string | undefined;
  status: AdstractStatus;
  adResponseId?: string;
  productName?: string;
}
