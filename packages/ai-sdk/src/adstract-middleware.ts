import { AdSDKError, Adstract, ValidationError } from '@adstract/client';
import type {
  LanguageModelV4CallOptions,
  LanguageModelV4Middleware,
  SharedV4ProviderMetadata,
} from '@ai-sdk/provider';
import { createAcknowledger } from './acknowledger.js';
import { resolveCallContext } from './call-context.js';
import { createCircuitBreaker } from './circuit-breaker.js';
import { hashText } from './hash.js';
import { createHooks } from './hooks.js';
import { type CallEnding, createMessageLedger, type MessageEntry } from './message-ledger.js';
import type {
  AdstractMetadata,
  AdstractMiddlewareOptions,
  AdstractStatus,
  SkipReason,
} from './options.js';
import { findLatestUserMessage, replaceUserText } from './prompt.js';
import { withoutAdstractOptions } from './provider-options.js';
import { startAd } from './start-ad.js';
import type { FilledOutcome } from './start-outcome.js';
import { collectText, isAbortError } from './text-collector.js';
import { validateMiddlewareOptions } from './validate-middleware-options.js';
import { SDK_NAME, VERSION } from './version.js';

/** The middleware, plus a way to wait for its background work. */
export interface AdstractMiddleware extends LanguageModelV4Middleware {
  /**
   * Acknowledges every answer still in flight, right now (`ending: 'flushed'`): those waiting for
   * a next tool step, and streams still open with the text they produced so far (a stream whose
   * consumer vanished never ends by itself). Then resolves once every acknowledge has settled.
   * Call it before a script exits, at the end of a test, or on graceful shutdown.
   */
  flush(): Promise<void>;
}

/**
 * Per-call plan, keyed by the params object transformParams returned (providers never see it).
 * A call without an ad keeps its message's entry so that a failed model call opens a retry window.
 */
type CallPlan =
  | { status: Exclude<AdstractStatus, 'filled'>; entry?: MessageEntry }
  | { status: 'filled'; entry: MessageEntry; outcome: FilledOutcome; userIndex: number };

const DEFAULT_TIMEOUT_MS = 3_000;
const DEFAULT_ACKNOWLEDGE_TIMEOUT_MS = 30_000;
const DEFAULT_CONTINUATION_TIMEOUT_MS = 30_000;

/**
 * Creates the Adstract middleware for `wrapLanguageModel`: it swaps the latest user message for
 * Adstract's enhanced prompt and acknowledges the answer once it is complete. Every Adstract
 * failure falls back to the original prompt (unless `strict`), reported through `onError`.
 *
 * @example
 * const model = wrapLanguageModel({ model: openai('gpt-5-mini'), middleware: adstractMiddleware() });
 */
export function adstractMiddleware(input?: AdstractMiddlewareOptions): AdstractMiddleware {
  const options = validateMiddlewareOptions(input);
  const hooks = createHooks(options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const strict = options.strict ?? false;
  let client = options.client;
  const getClient = (): Adstract => {
    client ??= new Adstract({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      timeoutMs,
      retries: options.retries,
      wrappingType: options.wrappingType,
      fetch: options.fetch,
      sdk: { name: SDK_NAME, version: VERSION },
    });
    return client;
  };
  // Explicit settings are checked now, so bad input fails before anything is sent.
  if (options.apiKey !== undefined || options.baseURL !== undefined) getClient();

  const breaker =
    options.circuitBreaker === false
      ? undefined
      : createCircuitBreaker(options.circuitBreaker ?? {}, (state, cause) =>
          hooks.outcome({ type: 'circuit', state, cause }),
        );
  const acknowledger = createAcknowledger({
    getClient,
    hooks,
    breaker,
    waitUntil: options.waitUntil,
    timeoutMs: options.acknowledgeTimeoutMs ?? DEFAULT_ACKNOWLEDGE_TIMEOUT_MS,
  });
  const ledger = createMessageLedger({
    continuationTimeoutMs: options.continuationTimeoutMs ?? DEFAULT_CONTINUATION_TIMEOUT_MS,
    maxEntries: options.cache?.maxEntries ?? 10_000,
    maxSettledEntries: options.cache?.maxSettledEntries ?? 1_000,
    maxAgeMs: options.cache?.maxAgeMs ?? 10 * 60_000,
    acknowledge: acknowledger.acknowledge,
  });
  const plans = new WeakMap<LanguageModelV4CallOptions, CallPlan>();

  const skip = (reason: SkipReason): CallPlan => {
    hooks.outcome({ type: 'skipped', reason });
    return { status: 'skipped' };
  };

  const plan = async (params: LanguageModelV4CallOptions): Promise<CallPlan> => {
    if (params.responseFormat?.type === 'json') return skip('structured-output');
    const user = findLatestUserMessage(params.prompt);
    if (user === undefined) return skip('no-user-text');
    let resolved: Awaited<ReturnType<typeof resolveCallContext>>;
    try {
      resolved = await resolveCallContext(params, options.context);
    } catch (thrown) {
      // A throwing `context` function gives any value: onError only ever receives AdSDKErrors.
      const error = AdSDKError.isInstance(thrown)
        ? thrown
        : new ValidationError({
            message: 'The context option threw (see cause)',
            field: 'context',
            cause: thrown,
          });
      if (strict) throw error;
      hooks.error(error);
      return skip('invalid-context');
    }
    if (resolved.disabled) return skip('disabled');

    const { context } = resolved;
    const key = [
      context.sessionId,
      context.userAgent,
      context.userIp,
      user.index,
      user.text.length,
      hashText(user.text),
    ].join('\u0000');
    const lookup = ledger.lookup(key, user.index < params.prompt.length - 1);
    if (lookup.kind === 'duplicate') return skip('duplicate');

    let entry: MessageEntry;
    if (lookup.kind === 'reuse') {
      entry = lookup.entry;
    } else {
      const permit = breaker?.tryAcquire();
      if (breaker !== undefined && permit === undefined) return skip('circuit-open');
      entry = ledger.create(key);
      const outcome = await startAd({
        getClient,
        prompt: user.text,
        context,
        optionalContext: resolved.optionalContext,
        timeoutMs,
        signal: params.abortSignal,
        hooks,
        permit,
        strict,
      }).catch((error: unknown) => {
        ledger.settle(entry, { status: 'failed' });
        throw error;
      });
      ledger.settle(entry, outcome);
      if (outcome.status === 'filled') acknowledger.register(outcome.adResponseId);
    }
    const outcome = entry.outcome;
    if (outcome?.status !== 'filled') return { status: outcome?.status ?? 'failed', entry };
    return { status: 'filled', entry, outcome, userIndex: user.index };
  };

  return {
    specificationVersion: 'v4',

    async transformParams({ params }) {
      const callPlan = await plan(params);
      const providerOptions = withoutAdstractOptions(params.providerOptions);
      const transformed: LanguageModelV4CallOptions =
        callPlan.status === 'filled'
          ? {
              ...params,
              prompt: replaceUserText(
                params.prompt,
                callPlan.userIndex,
                callPlan.outcome.enhancedPrompt,
              ),
              providerOptions,
            }
          : { ...params, providerOptions };
      plans.set(transformed, callPlan);
      return transformed;
    },

    async wrapGenerate({ doGenerate, params }) {
      const callPlan = plans.get(params);
      if (callPlan === undefined) return doGenerate();
      if (callPlan.status !== 'filled') {
        let result: Awaited<ReturnType<typeof doGenerate>>;
        try {
          result = await doGenerate();
        } catch (error) {
          if (callPlan.entry !== undefined) ledger.modelCallFailed(callPlan.entry);
          throw error;
        }
        return { ...result, providerMetadata: withMetadata(result.providerMetadata, callPlan) };
      }
      const call = ledger.beginCall(callPlan.entry, callPlan.outcome);
      let result: Awaited<ReturnType<typeof doGenerate>>;
      try {
        result = await doGenerate();
      } catch (error) {
        ledger.endCall(call, failureEnding(error, params));
        throw error;
      }
      for (const part of result.content) if (part.type === 'text') call.text += part.text;
      ledger.endCall(
        call,
        result.finishReason.unified === 'tool-calls' ? 'tool-calls' : 'finished',
      );
      return { ...result, providerMetadata: withMetadata(result.providerMetadata, callPlan) };
    },

    async wrapStream({ doStream, params }) {
      const callPlan = plans.get(params);
      // Calls without an ad get the model's stream exactly as it is: no extra stage.
      if (callPlan?.status !== 'filled') {
        const entry = callPlan?.entry;
        if (entry === undefined) return doStream();
        try {
          return await doStream();
        } catch (error) {
          ledger.modelCallFailed(entry);
          throw error;
        }
      }
      const call = ledger.beginCall(callPlan.entry, callPlan.outcome);
      let result: Awaited<ReturnType<typeof doStream>>;
      try {
        result = await doStream();
      } catch (error) {
        ledger.endCall(call, failureEnding(error, params));
        throw error;
      }
      const stream = collectText(result.stream, {
        onText: (delta) => {
          call.text += delta;
        },
        onEnd: (ending) => ledger.endCall(call, ending),
        metadata: { adstract: metadataOf(callPlan) },
        abortSignal: params.abortSignal,
      });
      return { ...result, stream };
    },

    async flush() {
      ledger.finalizeAll();
      await acknowledger.drain();
    },
  };
}

function failureEnding(error: unknown, params: LanguageModelV4CallOptions): CallEnding {
  return isAbortError(error) || params.abortSignal?.aborted === true ? 'aborted' : 'failed';
}

function metadataOf(plan: CallPlan): AdstractMetadata {
  if (plan.status !== 'filled') return { status: plan.status };
  const metadata: AdstractMetadata = { status: 'filled', adResponseId: plan.outcome.adResponseId };
  if (plan.outcome.productName !== null) metadata.productName = plan.outcome.productName;
  return metadata;
}

function withMetadata(
  providerMetadata: SharedV4ProviderMetadata | undefined,
  plan: CallPlan,
): SharedV4ProviderMetadata {
  return { ...providerMetadata, adstract: metadataOf(plan) };
}
