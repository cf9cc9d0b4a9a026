import { createAcknowledger } from './calls/acknowledger.js';
import { createCircuitBreaker } from './calls/circuit-breaker.js';
import { createClientGetter } from './calls/client-getter.js';
import { type CallPlan, createAdCycle, sessionKeyPrefix } from './core/ad-cycle.js';
import { createAnswerLedger } from './core/answer-ledger.js';
import {
  DEFAULT_ACKNOWLEDGE_TIMEOUT_MS,
  DEFAULT_CONTINUATION_TIMEOUT_MS,
  DEFAULT_STALL_TIMEOUT_MS,
  DEFAULT_START_CAP_MS,
  DEFAULT_TIMEOUT_MS,
} from './options/defaults.js';
import { createHooks } from './options/hooks.js';
import type { AdstractMiddlewareOptions } from './options/middleware-options.js';
import {
  validateFlushScope,
  validateMiddlewareOptions,
} from './options/validate-middleware-options.js';
import { reportMissingWaitUntil } from './runtime/missing-wait-until.js';
import type {
  AdstractCallOptions,
  GenerateResultLike,
  StreamResultLike,
  WrappedModel,
} from './spec/language-model.js';
import type { SpecAdapter } from './spec/spec-adapter.js';
import { specOfModel } from './spec/spec-of-model.js';
import { createInstrumentation } from './telemetry/create-instrumentation.js';
import { instrumentHooks } from './telemetry/instrumented-hooks.js';

/**
 * The Adstract middleware, for `wrapLanguageModel` of `ai@5`, `ai@6` and `ai@7` alike: its methods
 * are generic over the call options and results of the model they wrap, so one value type-checks as
 * a `LanguageModelV2Middleware`, a `LanguageModelV3Middleware` and an ai@7 `LanguageModelMiddleware`.
 * At run time it reads the wrapped model's `specificationVersion` and speaks that spec.
 */
export interface AdstractMiddleware {
  /**
   * `'v3'`, the one value every supported major accepts: ai@6 requires it, ai@7 takes any string
   * (it has no V3 conversion for middleware) and ai@5 ignores it. It says nothing about the calls:
   * the middleware follows the spec of the model it wraps (V2, V3 or V4), detected per call.
   */
  readonly specificationVersion: 'v3';
  /** Asks Adstract for the call's ad and gives the model the enhanced prompt (or the original). */
  transformParams<Params extends AdstractCallOptions>(options: {
    type: 'generate' | 'stream';
    params: Params;
    model: WrappedModel;
  }): Promise<Params>;
  /** Gathers the generated text and adds `providerMetadata.adstract`. */
  wrapGenerate<Result extends GenerateResultLike>(options: {
    doGenerate: () => PromiseLike<Result>;
    doStream: () => PromiseLike<unknown>;
    params: AdstractCallOptions;
    model: WrappedModel;
  }): Promise<Result>;
  /** Passes the stream through unchanged while gathering its text (streams with an ad only). */
  wrapStream<Result extends StreamResultLike>(options: {
    doGenerate: () => PromiseLike<unknown>;
    doStream: () => PromiseLike<Result>;
    params: AdstractCallOptions;
    model: WrappedModel;
  }): Promise<Result>;
  /**
   * Ends every answer still in flight, right now (`ending: 'flushed'`): those waiting for a next
   * tool step, and streams still open, acknowledged with the text they produced so far (their
   * model streams are cancelled: nobody will read them). Then waits for starts still out (a 200
   * that arrives is acknowledged; each start is dropped at `startCapMs`) and resolves once every
   * acknowledge has settled. Call it before a script exits, at the end of a test, or on shutdown.
   */
  flush(scope?: FlushScope): Promise<void>;
}

/** What {@link AdstractMiddleware.flush} ends. */
export interface FlushScope {
  /**
   * Only this session's answers: end a request's answer when the request ends, e.g. in
   * `streamText`'s `onFinish` when it stopped for a tool approval or a client-side tool, so its
   * acknowledge goes out now instead of after `continuationTimeoutMs`.
   */
  sessionId?: string;
}

/** A call's plan and the spec it speaks, keyed by the params object transformParams returned. */
interface PlannedCall {
  plan: CallPlan;
  spec: SpecAdapter;
}

/**
 * Creates the Adstract middleware for `wrapLanguageModel`: it swaps the latest user message for
 * Adstract's enhanced prompt and acknowledges the answer once it is complete. Every Adstract
 * failure falls back to the original prompt (unless `strict`), reported through `onError`. Works
 * with `ai@5`, `ai@6` and `ai@7`. Place it first in a middleware array (see the README).
 *
 * @example
 * const model = wrapLanguageModel({ model: openai('gpt-5-mini'), middleware: adstractMiddleware() });
 */
export function adstractMiddleware(input?: AdstractMiddlewareOptions): AdstractMiddleware {
  const options = validateMiddlewareOptions(input);
  const instrumentation = createInstrumentation({
    telemetry: options.telemetry,
    maxRetries: options.client === undefined ? (options.retries ?? 0) : undefined,
  });
  // On Workers or an edge runtime without `waitUntil`, reports it once, at the first ad.
  const hooks = instrumentHooks(
    reportMissingWaitUntil(createHooks(options), options.waitUntil),
    instrumentation,
  );
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const getClient = createClientGetter(options, timeoutMs);

  const breaker =
    options.circuitBreaker === false
      ? undefined
      : createCircuitBreaker({
          options: options.circuitBreaker ?? {},
          startBudgetMs: timeoutMs,
          onChange: (state, cause) => hooks.outcome({ type: 'circuit', state, cause }),
        });
  const acknowledger = createAcknowledger({
    getClient,
    hooks,
    breaker,
    waitUntil: options.waitUntil,
    timeoutMs: options.acknowledgeTimeoutMs ?? DEFAULT_ACKNOWLEDGE_TIMEOUT_MS,
    instrumentation,
  });
  const ledger = createAnswerLedger({
    continuationTimeoutMs: options.continuationTimeoutMs ?? DEFAULT_CONTINUATION_TIMEOUT_MS,
    maxEntries: options.cache?.maxEntries ?? 10_000,
    maxSettledEntries: options.cache?.maxSettledEntries ?? 1_000,
    maxAgeMs: options.cache?.maxAgeMs ?? 10 * 60_000,
    acknowledge: acknowledger.acknowledge,
  });
  const cycle = createAdCycle({
    options,
    hooks,
    getClient,
    breaker,
    acknowledger,
    ledger,
    timeoutMs,
    startCapMs: Math.max(timeoutMs, options.startCapMs ?? DEFAULT_START_CAP_MS),
    stallTimeoutMs: options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
    strict: options.strict ?? false,
    instrumentation,
  });
  const calls = new WeakMap<object, PlannedCall>();

  return {
    specificationVersion: 'v3',

    async transformParams({ params, model }) {
      const spec = specOfModel(model);
      // A spec this package does not know is left alone: no ad, nothing changed.
      if (spec === undefined) {
        hooks.outcome({ type: 'skipped', reason: 'unsupported-model' });
        return params;
      }
      const { params: transformed, plan } = await cycle.transform(params);
      calls.set(transformed, { plan, spec });
      return transformed;
    },

    async wrapGenerate({ doGenerate, params }) {
      const call = calls.get(params);
      if (call === undefined) return doGenerate();
      return cycle.generate(call.plan, call.spec, params, doGenerate);
    },

    async wrapStream({ doStream, params }) {
      const call = calls.get(params);
      if (call === undefined) return doStream();
      return cycle.stream(call.plan, call.spec, params, doStream);
    },

    async flush(scope) {
      const sessionId = validateFlushScope(scope);
      if (sessionId !== undefined) {
        const prefix = sessionKeyPrefix(sessionId);
        ledger.endAll((key) => key.startsWith(prefix));
      } else {
        ledger.endAll();
        // Starts still out may yet answer 200 (each is dropped at startCapMs at the latest).
        await cycle.settleStarts();
        ledger.endAll();
      }
      await acknowledger.drain();
    },
  };
}
