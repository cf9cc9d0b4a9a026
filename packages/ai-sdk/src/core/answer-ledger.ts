import type { FilledOutcome, StartOutcome } from '../calls/start-outcome.js';
import type { AnswerEnding } from '../options/outcome-event.js';
import { BoundedCache } from './bounded-cache.js';
import { startTimer, type Timer } from './timer.js';

/** A start outcome without an ad. */
export type NoAdOutcome = Exclude<StartOutcome, FilledOutcome>;

/**
 * Where one user message's ad stands. Only what cannot be derived is stored: the phase says whether
 * a start is in flight or an acknowledge is still to come, and each phase holds exactly what it
 * needs.
 *
 * - `starting`: the start call is in flight.
 * - `answering`: filled, and a model call (a step or a retry) is producing the answer (`call` is
 *   undefined between the start's answer and the first model call).
 * - `awaiting-step`: filled; the last call ended in `tool-calls` or failed before its end, so a next
 *   step or a retry may come within the continuation wait.
 * - `acknowledged`: filled, and its one acknowledge has been sent.
 * - `no-ad`: the start gave no ad (no fill, rejected, failed).
 */
export type MessageState =
  | { phase: 'starting' }
  | { phase: 'answering'; answer: Answer; call: AnswerCall | undefined }
  | { phase: 'awaiting-step'; answer: Answer; stepTimer: Timer; ending: AnswerEnding }
  | { phase: 'acknowledged'; ad: FilledOutcome }
  | { phase: 'no-ad'; outcome: NoAdOutcome; retryUntil: number | undefined };

/** The answer of a filled message while its acknowledge is still to come. */
export interface Answer {
  readonly ad: FilledOutcome;
  /** Text of every finished call (steps, the retry that succeeded), in order. */
  readonly texts: string[];
  /** Acknowledges an answer still in flight at `maxAgeMs` (a stalled stream). */
  readonly ageTimer: Timer;
}

/** One user message, keyed by session, user, position and text. */
export interface MessageEntry {
  readonly key: string;
  state: MessageState;
}

/** One model call (a step or a retry) that carries a filled ad. */
export interface AnswerCall {
  readonly entry: MessageEntry;
  readonly ad: FilledOutcome;
  text: string;
  ended: boolean;
  /** False for a step that arrives after its message was acknowledged: it never acknowledges. */
  readonly acknowledges: boolean;
}

/** How a model call ended. */
export type CallEnding = 'finished' | 'tool-calls' | 'failed' | 'aborted' | 'cancelled' | 'error';

/** What to do with a call, given what is known of its message. */
export type Lookup =
  | { kind: 'new' }
  | { kind: 'reuse'; entry: MessageEntry }
  | { kind: 'duplicate' };

/** Settings of {@link createAnswerLedger}. */
export interface AnswerLedgerOptions {
  continuationTimeoutMs: number;
  /** Bound of messages in flight (starting, answering, awaiting a step); the oldest is acknowledged when full. */
  maxEntries: number;
  /** Age after which an answer in flight is acknowledged with what it has (a stalled stream). */
  maxAgeMs: number;
  /** Bound of settled messages remembered for late steps and retries (small: they hold no text). */
  maxSettledEntries: number;
  /** Sends the one acknowledge of a filled message; must never throw or reject. */
  acknowledge: (ad: FilledOutcome, text: string, ending: AnswerEnding) => void;
  /** Clock for the settled messages' age and the retry window (tests). Default `Date.now`. */
  now?: () => number;
}

/**
 * Tracks user messages so steps and retries reuse one enhancement and acknowledge once.
 * Messages in flight live in one map bounded in size (their age is bounded by their own timer);
 * settled ones in a smaller one bounded in size and age that keeps no text: memory stays flat
 * however many requests pass.
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
    onEvict: (entry) => finalize(entry, 'evicted'),
    now,
  });

  const moveToSettled = (entry: MessageEntry) => {
    live.delete(entry.key);
    settled.set(entry.key, entry);
  };

  /** Sends the acknowledge of a filled message still in flight, exactly once. */
  function finalize(entry: MessageEntry, ending: AnswerEnding): void {
    const { state } = entry;
    if (state.phase !== 'answering' && state.phase !== 'awaiting-step') return;
    const { answer } = state;
    clearTimeout(answer.ageTimer);
    if (state.phase === 'awaiting-step') clearTimeout(state.stepTimer);
    if (state.phase === 'answering' && state.call !== undefined && !state.call.ended) {
      state.call.ended = true;
      if (state.call.text !== '') answer.texts.push(state.call.text);
    }
    entry.state = { phase: 'acknowledged', ad: answer.ad };
    moveToSettled(entry);
    options.acknowledge(answer.ad, answer.texts.join('\n\n'), ending);
  }

  return {
    /**
     * What a call for this message does:
     * - start in flight: a duplicate (double submit).
     * - filled: a message awaiting a step is continued (next step or retry); an acknowledged one
     *   is reused only by a late step (`continuation`: messages after the user's); a fresh call
     *   while it runs or after it was answered is a duplicate (Adstract answers 409 to a second
     *   start for a message).
     * - no fill, rejected, 409: final for the message, reused by steps, retries and resends.
     * - other failures: reused only by their own call chain (a step, or the retry of a model call
     *   that failed); a fresh resend may try start again.
     */
    lookup(key: string, continuation: boolean): Lookup {
      live.sweep();
      settled.sweep();
      const entry = live.get(key) ?? settled.get(key);
      if (entry === undefined) return { kind: 'new' };
      const { state } = entry;
      switch (state.phase) {
        case 'starting':
        case 'answering':
          return { kind: 'duplicate' };
        case 'awaiting-step':
          return { kind: 'reuse', entry };
        case 'acknowledged':
          return continuation ? { kind: 'reuse', entry } : { kind: 'duplicate' };
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
          return { kind: 'new' };
        }
      }
    },

    /** Registers a message whose start call is about to be made. */
    open(key: string): MessageEntry {
      const entry: MessageEntry = { key, state: { phase: 'starting' } };
      live.set(key, entry);
      return entry;
    },

    /** Records the start outcome of a message in `starting`. */
    settle(entry: MessageEntry, outcome: StartOutcome): void {
      if (entry.state.phase !== 'starting') return;
      if (outcome.status !== 'filled') {
        entry.state = { phase: 'no-ad', outcome, retryUntil: undefined };
        moveToSettled(entry);
        return;
      }
      // Without new traffic nothing sweeps the cache: a stalled stream needs its own deadline.
      const answer: Answer = {
        ad: outcome,
        texts: [],
        ageTimer: startTimer(() => finalize(entry, 'evicted'), options.maxAgeMs),
      };
      entry.state = { phase: 'answering', answer, call: undefined };
    },

    /** Starts a model call for a filled message (its first call, a next step, or a retry). */
    beginCall(entry: MessageEntry, ad: FilledOutcome): AnswerCall {
      const { state } = entry;
      if (state.phase === 'answering' || state.phase === 'awaiting-step') {
        if (state.phase === 'awaiting-step') clearTimeout(state.stepTimer);
        const call: AnswerCall = { entry, ad, text: '', ended: false, acknowledges: true };
        entry.state = { phase: 'answering', answer: state.answer, call };
        return call;
      }
      return { entry, ad, text: '', ended: false, acknowledges: false };
    },

    /** Ends a model call exactly once; acknowledges now, or after a bounded wait for a next call. */
    endCall(call: AnswerCall, ending: CallEnding): void {
      if (call.ended) return;
      call.ended = true;
      const { entry } = call;
      const { state } = entry;
      if (!call.acknowledges || state.phase !== 'answering' || state.call !== call) return;
      if (call.text !== '') state.answer.texts.push(call.text);
      if (ending === 'tool-calls' || ending === 'failed') {
        const next: AnswerEnding = ending === 'failed' ? 'error' : 'timeout';
        entry.state = {
          phase: 'awaiting-step',
          answer: state.answer,
          ending: next,
          stepTimer: startTimer(() => finalize(entry, next), options.continuationTimeoutMs),
        };
        return;
      }
      finalize(entry, ending);
    },

    /** A model call without an ad failed: a retry of it may reuse a failed start. */
    modelCallFailed(entry: MessageEntry): void {
      const { state } = entry;
      if (state.phase === 'no-ad' && state.outcome.status === 'failed') {
        state.retryUntil = now() + options.continuationTimeoutMs;
      }
    },

    /**
     * Acknowledges, right now, every filled message in flight: awaiting a next step or retry, or
     * still streaming (with the text so far: its consumer may be gone for good).
     */
    finalizeAll(): void {
      for (const entry of live.values()) finalize(entry, 'flushed');
    },

    /** Messages in flight and settled messages remembered. */
    get size(): { live: number; settled: number } {
      return { live: live.size, settled: settled.size };
    },
  };
}

/** The ledger's interface. */
export type AnswerLedger = ReturnType<typeof createAnswerLedger>;
