import type { FilledOutcome, StartOutcome } from '../calls/start-outcome.js';
import type { AnswerEnding } from '../options/outcome-event.js';
import { BoundedCache } from './bounded-cache.js';
import { startTimer, type Timer } from './timer.js';

/** A start outcome without an ad. */
export type NoAdOutcome = Exclude<StartOutcome, FilledOutcome>;

/**
 * Where one user message's ad stands. Only what cannot be derived is stored; each phase holds
 * exactly what it needs.
 *
 * - `starting`: the start call is in flight and the call waits for it.
 * - `answering`: a model call (a step or a retry) is producing the answer; `call` is undefined
 *   between the start's answer and the first model call.
 * - `awaiting-step`: the last call ended in `tool-calls` or failed before its end, so a next step or
 *   a retry may come within the continuation wait.
 * - `ended`: the answer is over, went out without the ad, and its start is still out: a 200 that
 *   still arrives is acknowledged with `text`.
 * - `acknowledged`: its one acknowledge has been sent.
 * - `no-ad`: the start gave no ad (no fill, rejected, failed), and none is still to come.
 */
export type MessageState =
  | { phase: 'starting' }
  | { phase: 'answering'; answer: Answer; call: AnswerCall | undefined }
  | { phase: 'awaiting-step'; answer: Answer; stepTimer: Timer; ending: AnswerEnding }
  | { phase: 'ended'; text: string; ending: AnswerEnding }
  | { phase: 'acknowledged'; ad: FilledOutcome }
  | { phase: 'no-ad'; outcome: NoAdOutcome; retryUntil: number | undefined };

/**
 * The answer of a message while an acknowledge may still be owed: one with its ad (`injected`),
 * or one that went out without it while its start is still out (a 200 may still arrive).
 */
export interface Answer {
  /** The ad: known from the start for an injected answer, set when a late 200 arrives otherwise. */
  ad: FilledOutcome | undefined;
  /** True when the model got the enhanced prompt. */
  readonly injected: boolean;
  /** Text of every finished call (steps, the retry that succeeded), in order. */
  readonly texts: string[];
  /** Ends an answer still in flight at `maxAgeMs` (a stalled stream). */
  readonly ageTimer: Timer;
}

/** One user message, keyed by session, user, position and text. */
export interface MessageEntry {
  readonly key: string;
  state: MessageState;
}

/** One model call (a step or a retry) whose text is gathered for an acknowledge. */
export interface AnswerCall {
  readonly entry: MessageEntry;
  text: string;
  ended: boolean;
  /** Stops the call's stream (set by its stream stage): `flush()` and eviction end it for good. */
  cancel: (() => void) | undefined;
}

/** How a model call ended. */
export type CallEnding =
  | 'finished'
  | 'tool-calls'
  | 'failed'
  | 'aborted'
  | 'cancelled'
  | 'error'
  | 'abandoned';

/** What to do with a call, given what is known of its message. */
export type Lookup =
  | { kind: 'new'; again: 'after-abort' | 'after-failure' | undefined }
  | { kind: 'reuse'; entry: MessageEntry }
  | { kind: 'answered' }
  | { kind: 'duplicate' };

/** Settings of {@link createAnswerLedger}. */
export interface AnswerLedgerOptions {
  continuationTimeoutMs: number;
  /** Bound of messages in flight (starting, answering, awaiting a step); the oldest is ended when full. */
  maxEntries: number;
  /** Age after which an answer in flight is ended with what it has (a stalled stream). */
  maxAgeMs: number;
  /** Bound of settled messages remembered for late steps and retries (small: they hold no text). */
  maxSettledEntries: number;
  /** Sends the one acknowledge of an ad; must never throw or reject. */
  acknowledge: (ad: FilledOutcome, text: string, ending: AnswerEnding) => void;
  /** Clock for the settled messages' age and the retry window (tests). Default `Date.now`. */
  now?: () => number;
}

/**
 * Tracks user messages so steps and retries reuse one enhancement and acknowledge once, and so a
 * start that answers after its call went on without the ad is still acknowledged, once.
 * Messages in flight live in one map bounded in size (their age is bounded by their own timer);
 * settled ones in a smaller one bounded in size and age: memory stays flat however many pass.
 */
export function createAnswerLedger(options: AnswerLedgerOptions) {
  const now = options.now ?? Date.now;
  const settled = new BoundedCache<MessageEntry>({
    maxEntries: options.maxSettledEntries,
    maxAgeMs: options.maxAgeMs,
    onEvict: () => {},
    now,
  });
  const live: BoundedCache<MessageEntry> = new BoundedCache<MessageEntry>({
    maxEntries: options.maxEntries,
    onEvict: (entry) => end(entry, 'evicted'),
    now,
  });

  /** Moves an entry that holds no answer any more out of the live map (unless a resend replaced it). */
  const moveToSettled = (entry: MessageEntry) => {
    if (live.get(entry.key) === entry) live.delete(entry.key);
    const current = live.get(entry.key) ?? settled.get(entry.key);
    if (current === undefined || current === entry) settled.set(entry.key, entry);
  };

  const settle = (entry: MessageEntry, state: MessageState) => {
    entry.state = state;
    moveToSettled(entry);
  };

  /** Ends an answer in flight exactly once: acknowledges it, or keeps its text for a late 200. */
  function end(entry: MessageEntry, ending: AnswerEnding): void {
    const { state } = entry;
    if (state.phase !== 'answering' && state.phase !== 'awaiting-step') return;
    const { answer } = state;
    clearTimeout(answer.ageTimer);
    if (state.phase === 'awaiting-step') clearTimeout(state.stepTimer);
    if (state.phase === 'answering' && state.call !== undefined && !state.call.ended) {
      const { call } = state;
      call.ended = true;
      if (call.text !== '') answer.texts.push(call.text);
      // Nobody will read the rest: stop the model's stream so nothing holds the process.
      if (ending === 'flushed' || ending === 'evicted') call.cancel?.();
    }
    const text = answer.texts.join('\n\n');
    if (answer.ad === undefined) {
      settle(entry, { phase: 'ended', text, ending });
      return;
    }
    settle(entry, { phase: 'acknowledged', ad: answer.ad });
    options.acknowledge(answer.ad, text, ending);
  }

  const newAnswer = (entry: MessageEntry, ad: FilledOutcome | undefined): Answer => ({
    ad,
    injected: ad !== undefined,
    texts: [],
    // Without new traffic nothing sweeps the cache: a stalled stream needs its own deadline.
    ageTimer: startTimer(() => end(entry, 'evicted'), options.maxAgeMs),
  });

  return {
    /**
     * What a call for this message does:
     * - start in flight, or an answer running: a duplicate (double submit).
     * - awaiting a step: continued (next step or retry).
     * - acknowledged, or ended without its ad: a late step or approval (`continuation`) goes on
     *   with the original prompt (the answer carries ad instructions only while its acknowledge is
     *   to come); a fresh call after an ad was answered is a duplicate (Adstract answers 409 to a
     *   second start for a message), after an ended answer it asks again.
     * - no fill, rejected, 409: final for the message, reused by steps, retries and resends.
     * - other failures: reused only by their own call chain (a step, or the retry of a model call
     *   that failed); a fresh resend asks again.
     */
    lookup(key: string, continuation: boolean): Lookup {
      live.sweep();
      settled.sweep();
      const entry = live.get(key) ?? settled.get(key);
      if (entry === undefined) return { kind: 'new', again: undefined };
      const { state } = entry;
      switch (state.phase) {
        case 'starting':
        case 'answering':
          return { kind: 'duplicate' };
        case 'awaiting-step':
          return { kind: 'reuse', entry };
        case 'acknowledged':
          return continuation ? { kind: 'answered' } : { kind: 'duplicate' };
        case 'ended':
          if (continuation) return { kind: 'answered' };
          return {
            kind: 'new',
            again: state.ending === 'aborted' ? 'after-abort' : 'after-failure',
          };
        case 'no-ad': {
          const { outcome } = state;
          if (outcome.status !== 'failed' || outcome.reason === 'duplicate') {
            return { kind: 'reuse', entry };
          }
          if (continuation) return { kind: 'reuse', entry };
          if (state.retryUntil !== undefined && now() <= state.retryUntil) {
            state.retryUntil = undefined;
            return { kind: 'reuse', entry };
          }
          return {
            kind: 'new',
            again: outcome.reason === 'aborted' ? 'after-abort' : 'after-failure',
          };
        }
      }
    },

    /** Registers a message whose start call is about to be made. */
    open(key: string): MessageEntry {
      const entry: MessageEntry = { key, state: { phase: 'starting' } };
      live.set(key, entry);
      return entry;
    },

    /** Records the outcome of a start that answered while its call was waiting. */
    settle(entry: MessageEntry, outcome: StartOutcome): void {
      if (entry.state.phase !== 'starting') return;
      if (outcome.status !== 'filled') {
        settle(entry, { phase: 'no-ad', outcome, retryUntil: undefined });
        return;
      }
      entry.state = { phase: 'answering', answer: newAnswer(entry, outcome), call: undefined };
    },

    /**
     * The call goes on without the ad while its start is still out (the start budget ran out, the
     * circuit opened, or the caller aborted): its text is gathered in case a 200 still arrives.
     */
    proceedWithoutAd(entry: MessageEntry): void {
      if (entry.state.phase !== 'starting') return;
      entry.state = { phase: 'answering', answer: newAnswer(entry, undefined), call: undefined };
    },

    /** Records the outcome of a start that answered after its call had gone on without the ad. */
    lateOutcome(entry: MessageEntry, outcome: StartOutcome): void {
      const { state } = entry;
      if (state.phase === 'ended') {
        if (outcome.status === 'filled') {
          settle(entry, { phase: 'acknowledged', ad: outcome });
          options.acknowledge(outcome, state.text, state.ending);
        } else {
          settle(entry, { phase: 'no-ad', outcome, retryUntil: undefined });
        }
        return;
      }
      if (state.phase !== 'answering' && state.phase !== 'awaiting-step') return;
      if (state.answer.injected || state.answer.ad !== undefined) return;
      if (outcome.status === 'filled') {
        // Acknowledged with the whole answer once it ends: the user sees it without the ad.
        state.answer.ad = outcome;
        return;
      }
      clearTimeout(state.answer.ageTimer);
      if (state.phase === 'awaiting-step') clearTimeout(state.stepTimer);
      settle(entry, { phase: 'no-ad', outcome, retryUntil: undefined });
    },

    /**
     * Starts a model call whose text is gathered (its first call, a next step, or a retry), or
     * undefined when the message no longer owes an acknowledge.
     */
    beginCall(entry: MessageEntry): AnswerCall | undefined {
      const { state } = entry;
      if (state.phase !== 'answering' && state.phase !== 'awaiting-step') return undefined;
      if (state.phase === 'awaiting-step') clearTimeout(state.stepTimer);
      const call: AnswerCall = { entry, text: '', ended: false, cancel: undefined };
      entry.state = { phase: 'answering', answer: state.answer, call };
      return call;
    },

    /** Ends a model call exactly once; ends the answer now, or after a bounded wait for a next call. */
    endCall(call: AnswerCall, ending: CallEnding): void {
      if (call.ended) return;
      call.ended = true;
      const { entry } = call;
      const { state } = entry;
      if (state.phase !== 'answering' || state.call !== call) return;
      if (call.text !== '') state.answer.texts.push(call.text);
      if (ending === 'tool-calls' || ending === 'failed') {
        const next: AnswerEnding = ending === 'failed' ? 'error' : 'timeout';
        entry.state = {
          phase: 'awaiting-step',
          answer: state.answer,
          ending: next,
          stepTimer: startTimer(() => end(entry, next), options.continuationTimeoutMs),
        };
        return;
      }
      end(entry, ending);
    },

    /** A model call without an ad failed: a retry of it may reuse a failed start. */
    modelCallFailed(entry: MessageEntry): void {
      const { state } = entry;
      if (state.phase === 'no-ad' && state.outcome.status === 'failed') {
        state.retryUntil = now() + options.continuationTimeoutMs;
      }
    },

    /**
     * Ends, right now, every answer in flight (`flushed`), or those whose key `only` accepts:
     * those awaiting a next step or retry, and those still streaming, with the text so far (their
     * streams are stopped: the consumer may be gone for good).
     */
    endAll(only?: (key: string) => boolean): void {
      for (const entry of live.values()) {
        if (only === undefined || only(entry.key)) end(entry, 'flushed');
      }
    },

    /** Messages in flight and settled messages remembered. */
    get size(): { live: number; settled: number } {
      return { live: live.size, settled: settled.size };
    },
  };
}

/** The ledger's interface. */
export type AnswerLedger = ReturnType<typeof createAnswerLedger>;
