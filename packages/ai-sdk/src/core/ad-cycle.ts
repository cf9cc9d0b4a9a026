import { AdSDKError, type Adstract, ValidationError } from '@adstract/client';
import type { createAcknowledger } from '../calls/acknowledger.js';
import type { CircuitBreaker } from '../calls/circuit-breaker.js';
import { startAd } from '../calls/start-ad.js';
import type { FilledOutcome } from '../calls/start-outcome.js';
import type { Hooks } from '../options/hooks.js';
import type { AdstractMiddlewareOptions } from '../options/middleware-options.js';
import type { SkipReason } from '../options/outcome-event.js';
import type { AdstractMetadata, AdstractStatus } from '../render/ad-metadata.js';
import type { AdstractCallOptions, ProviderMetadata } from '../spec/language-model.js';
import type { SpecAdapter } from '../spec/spec-adapter.js';
import type { AnswerLedger, CallEnding, MessageEntry } from './answer-ledger.js';
import { resolveCallContext } from './call-context.js';
import { hashText } from './hash.js';
import { findLatestUserMessage, replaceUserText } from './prompt.js';
import { withoutAdstractOptions } from './provider-options.js';
import { collectText, isAbortError } from './text-stage.js';

/**
 * What the ad cycle decided for one model call. A call without an ad keeps its message's entry so
 * that a failed model call opens a retry window.
 */
export type CallPlan =
  | { status: Exclude<AdstractStatus, 'filled'>; entry?: MessageEntry }
  | { status: 'filled'; entry: MessageEntry; ad: FilledOutcome; userIndex: number };

/** What the cycle needs from the middleware around it. */
export interface AdCycleInput {
  options: AdstractMiddlewareOptions;
  hooks: Hooks;
  getClient: () => Adstract;
  breaker: CircuitBreaker | undefined;
  acknowledger: ReturnType<typeof createAcknowledger>;
  ledger: AnswerLedger;
  timeoutMs: number;
  strict: boolean;
}

/**
 * The ad cycle, written once for every spec version: decide a call's ad (context, ledger, breaker,
 * start), give the model the enhanced prompt, gather the answer's text from a generate result or a
 * stream, and end each model call in the ledger, which acknowledges once per filled message.
 */
export function createAdCycle(input: AdCycleInput) {
  const { options, hooks, ledger, breaker, acknowledger, strict } = input;

  const skip = (reason: SkipReason): CallPlan => {
    hooks.outcome({ type: 'skipped', reason });
    return { status: 'skipped' };
  };

  async function plan(params: AdstractCallOptions): Promise<CallPlan> {
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
      entry = ledger.open(key);
      const outcome = await startAd({
        getClient: input.getClient,
        prompt: user.text,
        context,
        optionalContext: resolved.optionalContext,
        wrappingType: options.wrappingType,
        timeoutMs: input.timeoutMs,
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
    const { state } = entry;
    switch (state.phase) {
      case 'answering':
      case 'awaiting-step':
        return { status: 'filled', entry, ad: state.answer.ad, userIndex: user.index };
      case 'acknowledged':
        return { status: 'filled', entry, ad: state.ad, userIndex: user.index };
      case 'no-ad':
        return { status: state.outcome.status, entry };
      case 'starting':
        return { status: 'failed', entry };
    }
  }

  return {
    /** Decides the call's ad and returns the params the model gets (never the caller's object). */
    async transform<Params extends AdstractCallOptions>(
      params: Params,
    ): Promise<{ params: Params; plan: CallPlan }> {
      const callPlan = await plan(params);
      const providerOptions = withoutAdstractOptions(params.providerOptions);
      const transformed: Params =
        callPlan.status === 'filled'
          ? {
              ...params,
              prompt: replaceUserText(
                params.prompt,
                callPlan.userIndex,
                callPlan.ad.enhancedPrompt,
              ),
              providerOptions,
            }
          : { ...params, providerOptions };
      return { params: transformed, plan: callPlan };
    },

    /** Runs one generate call under its plan: text gathered, metadata added, the call ended once. */
    async generate<Result>(
      callPlan: CallPlan,
      spec: SpecAdapter,
      params: AdstractCallOptions,
      doGenerate: () => PromiseLike<Result>,
    ): Promise<Result> {
      if (callPlan.status !== 'filled') {
        let result: Result;
        try {
          result = await doGenerate();
        } catch (error) {
          if (callPlan.entry !== undefined) ledger.modelCallFailed(callPlan.entry);
          throw error;
        }
        return spec.withGenerateMetadata(result, metadataOf(callPlan));
      }
      const call = ledger.beginCall(callPlan.entry, callPlan.ad);
      let result: Result;
      try {
        result = await doGenerate();
      } catch (error) {
        ledger.endCall(call, failureEnding(error, params));
        throw error;
      }
      const { text, finishReason } = spec.readGenerateResult(result);
      call.text += text;
      ledger.endCall(call, finishReason === 'tool-calls' ? 'tool-calls' : 'finished');
      return spec.withGenerateMetadata(result, metadataOf(callPlan));
    },

    /**
     * Runs one stream call under its plan. Calls without an ad get the model's stream exactly as it
     * is (no extra stage); calls with one get a pass-through stage that gathers the text.
     */
    async stream<Result extends { stream: ReadableStream<unknown> }>(
      callPlan: CallPlan,
      spec: SpecAdapter,
      params: AdstractCallOptions,
      doStream: () => PromiseLike<Result>,
    ): Promise<Result> {
      if (callPlan.status !== 'filled') {
        const { entry } = callPlan;
        if (entry === undefined) return doStream();
        try {
          return await doStream();
        } catch (error) {
          ledger.modelCallFailed(entry);
          throw error;
        }
      }
      const call = ledger.beginCall(callPlan.entry, callPlan.ad);
      let result: Result;
      try {
        result = await doStream();
      } catch (error) {
        ledger.endCall(call, failureEnding(error, params));
        throw error;
      }
      const stream = collectText(result.stream, {
        spec,
        onText: (delta) => {
          call.text += delta;
        },
        onEnd: (ending) => ledger.endCall(call, ending),
        metadata: metadataOf(callPlan),
        abortSignal: params.abortSignal,
      });
      return { ...result, stream };
    },
  };
}

/** The cycle's interface. */
export type AdCycle = ReturnType<typeof createAdCycle>;

function failureEnding(error: unknown, params: AdstractCallOptions): CallEnding {
  return isAbortError(error) || params.abortSignal?.aborted === true ? 'aborted' : 'failed';
}

/** `providerMetadata` with the `adstract` entry describing the plan. */
function metadataOf(plan: CallPlan): ProviderMetadata {
  if (plan.status !== 'filled') return { adstract: { status: plan.status } };
  const metadata: AdstractMetadata = { status: 'filled', adResponseId: plan.ad.adResponseId };
  if (plan.ad.productName !== null) metadata.productName = plan.ad.productName;
  return { adstract: metadata };
}
