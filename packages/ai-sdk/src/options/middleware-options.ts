import type {
  AdSDKError,
  Adstract,
  OptionalContext,
  RequestContext,
  WrappingType,
} from '@adstract/client';
import type { AdstractPacingOptions } from '../pacing/pacing-options.js';
import type { AdstractCallOptions } from '../spec/language-model.js';
import type { AdstractTelemetryOptions } from '../telemetry/telemetry-options.js';
import type { AdstractOutcomeEvent } from './outcome-event.js';

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
      /**
       * `'minimal'` sends only the required fields (`sessionId`, `userAgent`, `userIp`), whatever
       * the other source holds: `adstractContextFromRequest` sets it under Global Privacy Control
       * or a refused consent, and it applies to the middleware's `context` defaults too.
       */
      privacy?: 'minimal';
    }
>;

/** Circuit breaker settings: stop calling Adstract for a while when it misbehaves. */
export interface CircuitBreakerOptions {
  /**
   * Consecutive unhealthy starts that open the circuit: network failures, 429, 5xx, and starts
   * still unanswered after the slow-call threshold (counted at that moment, while they wait).
   * Other failures (409, 401, 400, an unusable answer, a caller abort) neither count nor reset the
   * count. When the circuit opens, every call still waiting on a start answers at once without an
   * ad. Default 5.
   */
  failureThreshold?: number;
  /** How long the circuit stays open before one probe call is let through. Default 3 000 ms. */
  coolDownMs?: number;
  /**
   * How long a start may be in flight before it counts as a failure. Default: derived from the
   * recent healthy latency (3 × the p95 of the last 64 healthy starts, at least 250 ms), half of
   * `timeoutMs` before any is known, never more than `timeoutMs`.
   */
  slowCallMs?: number;
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
   * Time budget of a call's ad, on the critical path of the answer: the `context` function and the
   * start call, retries and backoff included. Past it the answer goes on at once with the original
   * prompt, while the start may still finish in the background (see `startCapMs`). Default 3000 ms.
   */
  timeoutMs?: number;
  /**
   * How long a start that outlived `timeoutMs` (or whose caller aborted) may still finish in the
   * background, kept alive through `waitUntil`: a 200 that arrives in that time is acknowledged
   * once, with the text of the answer that went out without the ad. Past it the start is dropped.
   * At least `timeoutMs`. Default 30 000 ms.
   */
  startCapMs?: number;
  /**
   * How long a stream with an ad may go unread (its consumer stopped pulling, as when a tab closes
   * and the route did not call `consumeStream()`) before the middleware reads the rest of the
   * model's stream itself, so the answer completes and is acknowledged. Default 3 000 ms.
   */
  stallTimeoutMs?: number;
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
        params: AdstractCallOptions,
      ) => AdstractCallContext | undefined | PromiseLike<AdstractCallContext | undefined>);
  /**
   * Receives a promise that settles once an enhanced answer is acknowledged: pass `after` from
   * `next/server`, `waitUntil` from `@vercel/functions` or from `cloudflare:workers`, or
   * `(promise) => ctx.waitUntil(promise)`, so serverless and edge platforms keep the invocation
   * alive until the acknowledge is sent. Without it, on Cloudflare Workers or an edge runtime, the
   * middleware reports the missing option once through `onError`, at its first ad.
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
  /**
   * OpenTelemetry spans (`adstract.start`, `adstract.acknowledge`) and `adstract.*` metrics. Default:
   * recorded through the globally registered tracer and meter providers when an SDK is registered,
   * nothing otherwise; `{ tracer, meter }` chooses them (`false` for either turns it off); `false`
   * turns both off. Never records the API key, the end user's IP, the session id, the prompt or the
   * answer (see the README, "Observability").
   */
  telemetry?: AdstractTelemetryOptions | false;
  /**
   * Stateless ad pacing, decided from the conversation in each call's prompt, so it holds across
   * serverless instances: `{ firstAdAfterTurn, minTurnsBetweenAds, maxAdsPerConversation }`. A
   * paced call sends no start and reports `{ type: 'skipped', reason: 'paced', rule, turn }`.
   */
  pacing?: AdstractPacingOptions;
}
