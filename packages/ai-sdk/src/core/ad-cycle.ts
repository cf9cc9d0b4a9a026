import { AdSDKError, type Adstract, NetworkError } from '@adstract/client';
import { INPUT_LIMITS, invalid } from '@adstract/client/internal';
import type { createAcknowledger } from '../calls/acknowledger.js';
import {
  type CircuitBreaker,
  type CircuitPermit,
  recordVerdict,
} from '../calls/circuit-breaker.js';
import { launchStart } from '../calls/launch-start.js';
import type { FilledOutcome, TimedOutcome } from '../calls/start-outcome.js';
import { waitForStart } from '../calls/wait-for-start.js';
import type { Hooks } from '../options/hooks.js';
import type { AdstractMiddlewareOptions } from '../options/middleware-options.js';
import type { SkipReason } from '../options/outcome-event.js';
import { pacedCall } from '../pacing/pacing-verdict.js';
import type { AdstractMetadata, AdstractStatus } from '../render/ad-metadata.js';
import type { AdstractCallOptions, ProviderMetadata } from '../spec/language-model.js';
import type { SpecAdapter } from '../spec/spec-adapter.js';
import { type Instrumentation, NO_INSTRUMENTATION } from '../telemetry/instrumentation.js';
import type { AnswerLedger, CallEnding, MessageEntry } from './answer-ledger.js';
import { type ResolvedCallContext, resolveContextWithin } from './call-context.js';
import { hashText } from './hash.js';
import { findLatestUserMessage, insertEnhancedPrompt } from './prompt.js';
import { withoutAdstractOptions } from './provider-options.js';
import { collectText, isAbortError } from './text-stage.js';

/**
 * What the ad cycle decided for one model call: the status `providerMetadata.adstract` reports,
 * the ad when the model gets the enhanced prompt, and whether the call's text is gathered (an
 * acknowledge is owed, or may be: a start still out can answer 200 late).
 */
export interface CallPlan {
  status: AdstractStatus;
  entry?: MessageEntry;
  inject?: { ad: FilledOutcome; userIndex: number };
  track: boolean;
}

/** What the cycle needs from the middleware around it. */
export interface AdCycleInput {
  options: AdstractMiddlewareOptions;
  hooks: Hooks;
  getClient: () => Adstract;
  breaker: CircuitBreaker | undefined;
  acknowledger: ReturnType<typeof createAcknowledger>;
  ledger: AnswerLedger;
  timeoutMs: number;
  startCapMs: number;
  stallTimeoutMs: number;
  strict: boolean;
  instrumentation?: Instrumentation;
}

/**
 * The ad cycle, written once for every spec version: decide a call's ad (context, ledger, breaker,
 * start within its budget), give the model the enhanced prompt, gather the answer's text from a
 * generate result or a stream, and end each model call in the ledger, which acknowledges once per
 * 200 from start: in time, or late.
 */
export function createAdCycle(input: AdCycleInput) {
  const { options, hooks, ledger, breaker, acknowledger, strict } = input;
  const instrumentation = input.instrumentation ?? NO_INSTRUMENTATION;
  /** Calls waiting on a start: released at once when the circuit opens. */
  const waiting = new Set<() => void>();
  /** Starts still out, for `flush()`: each settles by `startCapMs` at the latest. */
  const flights = new Set<Promise<unknown>>();
  breaker?.onOpen(() => {
    for (const release of Array.from(waiting)) release();
  });

  const skip = (reason: Exclude<SkipReason, 'paced'>): CallPlan => {
    hooks.outcome({ type: 'skipped', reason });
    return { status: 'skipped', track: false };
  };

  /** Reports a start that answered while its call was still waiting. */
  const reportInTime = (outcome: TimedOutcome, sessionId: string) => {
    const { durationMs } = outcome;
    switch (outcome.status) {
      case 'filled':
        hooks.outcome({
          type: 'filled',
          sessionId,
          adResponseId: outcome.adResponseId,
          productName: outcome.productName,
          durationMs,
        });
        return;
      case 'no-fill':
      case 'rejected':
        hooks.outcome({ type: outcome.status, sessionId, durationMs });
        return;
      case 'failed': {
        const error = outcome.error ?? new AdSDKError({ message: 'Adstract start failed' });
        const reason = outcome.reason ?? 'invalid';
        if (reason !== 'aborted') hooks.error(error);
        hooks.outcome({ type: 'failed', sessionId, durationMs, error, reason });
      }
    }
  };

  async function plan(params: AdstractCallOptions): Promise<CallPlan> {
    if (params.responseFormat?.type === 'json') return skip('structured-output');
    const user = findLatestUserMessage(params.prompt);
    if (user === undefined) return skip('no-user-text');
    const paced = pacedCall(params.prompt, user.index, options.pacing);
    if (paced !== undefined) {
      hooks.outcome({ type: 'skipped', reason: 'paced', ...paced });
      return { status: 'skipped', track: false };
    }
    if (user.text.length > INPUT_LIMITS.prompt) {
      // Checked before anything else: a huge prompt is neither hashed nor sent.
      const error = invalid(
        'prompt',
        `is ${user.text.length} UTF-16 code units long, more than Adstract's limit of ${INPUT_LIMITS.prompt}: the answer goes on without an ad`,
      );
      if (strict) throw error;
      hooks.error(error);
      return skip('prompt-too-long');
    }
    const startedAt = performance.now();
    const resolved = await resolveContextWithin(params, options.context, input.timeoutMs);
    if (resolved.kind === 'failed') {
      if (strict) throw resolved.error;
      hooks.error(resolved.error);
      return skip(resolved.timedOut ? 'context-timeout' : 'invalid-context');
    }
    if (resolved.kind === 'disabled') return skip('disabled');

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
    switch (lookup.kind) {
      case 'duplicate':
        return skip('duplicate');
      case 'answered':
        return skip('answer-acknowledged');
      case 'reuse':
        return planFor(lookup.entry, user.index);
      case 'new':
        break;
    }

    const permit = breaker?.tryAcquire();
    if (breaker !== undefined && permit === undefined) return skip('circuit-open');
    return startFor({
      key,
      again: lookup.again,
      params,
      userText: user.text,
      userIndex: user.index,
      resolved,
      permit,
      startedAt,
    });
  }

  /**
   * Sends the start of a new message and waits for it within what is left of the call's budget.
   * A start that outlives the wait goes on in the background: its 200 is acknowledged, once.
   */
  async function startFor(call: {
    key: string;
    again: 'after-abort' | 'after-failure' | undefined;
    params: AdstractCallOptions;
    userText: string;
    userIndex: number;
    resolved: Extract<ResolvedCallContext, { kind: 'ok' }>;
    permit: CircuitPermit | undefined;
    startedAt: number;
  }): Promise<CallPlan> {
    const { params, resolved, permit, startedAt } = call;
    const { context } = resolved;
    const { sessionId } = context;
    const entry = ledger.open(call.key);
    hooks.outcome(
      call.again === undefined
        ? { type: 'requested', sessionId }
        : { type: 'requested', sessionId, again: call.again },
    );
    const hold = acknowledger.hold();
    const recording = instrumentation.startSent(breaker?.state, permit?.probe ?? false);
    const flight = recording.run(() =>
      launchStart({
        getClient: input.getClient,
        prompt: call.userText,
        context,
        optionalContext: resolved.optionalContext,
        wrappingType: options.wrappingType,
        capMs: input.startCapMs,
      }),
    );
    flights.add(flight);
    void flight.then((outcome) => {
      flights.delete(flight);
      if (outcome.status === 'filled') hold.bind(outcome.adResponseId);
      else hold.release();
    });

    const budgetMs = Math.max(1, input.timeoutMs - (performance.now() - startedAt));
    const waited = waitForStart(flight, {
      budgetMs,
      signal: params.abortSignal,
      onRelease: (release) => {
        waiting.add(release);
        return () => waiting.delete(release);
      },
    });
    // After the wait has seen the answer: a verdict that opens the circuit releases the other
    // calls still waiting, never the one whose start just answered.
    void flight.then((outcome) => recordVerdict(permit, outcome));
    const wait = await waited;
    if (wait.kind === 'answered') {
      recording.settled(wait.outcome);
      reportInTime(wait.outcome, sessionId);
      if (strict && wait.outcome.status === 'failed' && wait.outcome.error !== undefined) {
        ledger.settle(entry, wait.outcome);
        throw wait.outcome.error;
      }
      ledger.settle(entry, wait.outcome);
      return planFor(entry, call.userIndex);
    }

    // The call goes on without the ad; a 200 that still arrives is acknowledged, once.
    const durationMs = performance.now() - startedAt;
    ledger.proceedWithoutAd(entry);
    recording.proceeded(wait.kind);
    void flight.then((outcome) => {
      recording.settled(outcome);
      if (outcome.status === 'filled') {
        hooks.outcome({
          type: 'late-fill',
          sessionId,
          adResponseId: outcome.adResponseId,
          productName: outcome.productName,
          durationMs: outcome.durationMs,
        });
      }
      ledger.lateOutcome(entry, outcome);
    });
    if (wait.kind === 'released') {
      hooks.outcome({ type: 'released', sessionId, durationMs });
      return planFor(entry, call.userIndex);
    }
    if (wait.kind === 'aborted') {
      const error = new NetworkError({
        message: 'The request to Adstract was aborted by the caller',
        reason: 'aborted',
        cause: wait.reason,
      });
      hooks.outcome({ type: 'failed', sessionId, durationMs, error, reason: 'aborted' });
      // The call stops at once: its answer is empty, which is what a late 200 acknowledges.
      const aborted = ledger.beginCall(entry);
      if (aborted !== undefined) ledger.endCall(aborted, 'aborted');
      throw wait.reason;
    }
    const error = new NetworkError({
      message: `Adstract did not answer within the ${input.timeoutMs} ms start budget; the answer goes on without an ad`,
      reason: 'timeout',
    });
    hooks.error(error);
    hooks.outcome({ type: 'failed', sessionId, durationMs, error, reason: 'unavailable' });
    if (strict) throw error;
    return planFor(entry, call.userIndex);
  }

  /** The plan of a call for a message whose start has answered, or is still out. */
  function planFor(entry: MessageEntry, userIndex: number): CallPlan {
    const { state } = entry;
    switch (state.phase) {
      case 'answering':
      case 'awaiting-step': {
        const { answer } = state;
        if (answer.injected && answer.ad !== undefined) {
          return { status: 'filled', entry, inject: { ad: answer.ad, userIndex }, track: true };
        }
        return { status: 'failed', entry, track: true };
      }
      case 'no-ad':
        return { status: state.outcome.status, entry, track: false };
      case 'starting':
      case 'ended':
      case 'acknowledged':
        return { status: 'failed', entry, track: false };
    }
  }

  return {
    /** Decides the call's ad and returns the params the model gets (never the caller's object). */
    async transform<Params extends AdstractCallOptions>(
      params: Params,
    ): Promise<{ params: Params; plan: CallPlan }> {
      const callPlan = await plan(params);
      const providerOptions = withoutAdstractOptions(params.providerOptions);
      const { inject } = callPlan;
      const transformed: Params =
        inject === undefined
          ? { ...params, providerOptions }
          : {
              ...params,
              prompt: insertEnhancedPrompt(
                params.prompt,
                inject.userIndex,
                inject.ad.enhancedPrompt,
              ),
              providerOptions,
            };
      return { params: transformed, plan: callPlan };
    },

    /** Runs one generate call under its plan: text gathered, metadata added, the call ended once. */
    async generate<Result>(
      callPlan: CallPlan,
      spec: SpecAdapter,
      params: AdstractCallOptions,
      doGenerate: () => PromiseLike<Result>,
    ): Promise<Result> {
      const call = callPlan.track && callPlan.entry ? ledger.beginCall(callPlan.entry) : undefined;
      let result: Result;
      try {
        result = await doGenerate();
      } catch (error) {
        if (call !== undefined) ledger.endCall(call, failureEnding(error, params));
        else if (callPlan.entry !== undefined) ledger.modelCallFailed(callPlan.entry);
        throw error;
      }
      if (call !== undefined) {
        const { text, finishReason } = spec.readGenerateResult(result);
        call.text += text;
        ledger.endCall(call, finishReason === 'tool-calls' ? 'tool-calls' : 'finished');
      }
      return spec.withGenerateMetadata(result, metadataOf(callPlan));
    },

    /**
     * Runs one stream call under its plan. Calls without an acknowledge to come get the model's
     * stream exactly as it is (no extra stage); the others get a pass-through stage that gathers
     * the text.
     */
    async stream<Result extends { stream: ReadableStream<unknown> }>(
      callPlan: CallPlan,
      spec: SpecAdapter,
      params: AdstractCallOptions,
      doStream: () => PromiseLike<Result>,
    ): Promise<Result> {
      const call = callPlan.track && callPlan.entry ? ledger.beginCall(callPlan.entry) : undefined;
      if (call === undefined) {
        const { entry } = callPlan;
        if (entry === undefined) return doStream();
        try {
          return await doStream();
        } catch (error) {
          ledger.modelCallFailed(entry);
          throw error;
        }
      }
      let result: Result;
      try {
        result = await doStream();
      } catch (error) {
        ledger.endCall(call, failureEnding(error, params));
        throw error;
      }
      const stage = collectText(result.stream, {
        spec,
        onText: (delta) => {
          call.text += delta;
        },
        onEnd: (ending) => ledger.endCall(call, ending),
        metadata: metadataOf(callPlan),
        abortSignal: params.abortSignal,
        stallTimeoutMs: input.stallTimeoutMs,
      });
      call.cancel = stage.cancel;
      return { ...result, stream: stage.stream };
    },

    /** Resolves once every start still out has settled (each by `startCapMs` at the latest). */
    async settleStarts(): Promise<void> {
      while (flights.size > 0) await Promise.allSettled(Array.from(flights));
    },
  };
}

/**
 * How the ledger keys of one session start: `flush({ sessionId })` ends exactly those (a session
 * id holds no control character, so no other session's keys share the prefix).
 */
export function sessionKeyPrefix(sessionId: string): string {
  return `${sessionId}\u0000`;
}

/** The cycle's interface. */
export type AdCycle = ReturnType<typeof createAdCycle>;

function failureEnding(error: unknown, params: AdstractCallOptions): CallEnding {
  return isAbortError(error) || params.abortSignal?.aborted === true ? 'aborted' : 'failed';
}

/**
 * `providerMetadata` with the `adstract` entry describing the plan: the status and the product's
 * name, never the ad id. The AI SDK records `providerMetadata` on its own spans (ai@5 always,
 * later majors with `recordOutputs`) and sends a `text-start` part's on to the browser; the id
 * reaches the app through `onOutcome` alone.
 */
function metadataOf(plan: CallPlan): ProviderMetadata {
  const { inject } = plan;
  if (inject === undefined) return { adstract: { status: plan.status } };
  const metadata: AdstractMetadata = { status: 'filled' };
  if (inject.ad.productName !== null) metadata.productName = inject.ad.productName;
  return { adstract: metadata };
}
