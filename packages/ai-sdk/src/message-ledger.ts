import { BoundedCache } from './bounded-cache.js';
import type { AnswerEnding } from './options.js';
import type { FilledOutcome, StartOutcome } from './start-outcome.js';

type Timer = ReturnType<typeof setTimeout>;

/**
 * One user message's ad: its start outcome and, when filled, the answer's text across steps and
 * retries until it is acknowledged.
 *
 * `pending` start in flight · `active` filled, a model call may be running · `waiting` the last
 * call ended in `tool-calls` or failed before any output, so a next step or retry may come ·
 * `done` acknowledged, or no ad.
 */
export interface MessageEntry {
  key: string;
  state: 'pending' | 'active' | 'waiting' | 'done';
  outcome: StartOutcome | undefined;
  texts: string[];
  activeCall: CallState | undefined;
  pendingEnding: AnswerEnding;
  /** The bounded wait for a next step or retry. */
  timer: Timer | undefined;
  /** Acknowledges a filled message still in flight at `maxAgeMs` (a stalled stream). */
  ageTimer: Timer | undefined;
  createdAt: number;
  /** Until when a retry of a failed model call may reuse a failed start (then consumed). */
  retryUntil: number | undefined;
}

/** One model call (a step or a retry) that carries a filled ad. */
export interface CallState {
  entry: MessageEntry;
  outcome: FilledOutcome;
  text: string;
  ended: boolean;
  /** False for a step that arrives after its message was acknowledged: it never acknowledges. */
  acknowledges: boolean;
}

/** How a model call ended. */
export type CallEnding = 'finished' | 'tool-calls' | 'failed' | 'aborted' | 'cancelled' | 'error';

/** What to do with a call, given what is known of its message. */
export type Lookup =
  | { kind: 'new' }
  | { kind: 'reuse'; entry: MessageEntry }
  | { kind: 'duplicate' };

/** Settings of {@link createMessageLedger}. */
export interface MessageLedgerOptions {
  continuationTimeoutMs: number;
  /** Bound of messages still in flight (pending, active, waiting); the oldest is acknowledged when full. */
  maxEntries: number;
  /** Age after which an in-flight message is acknowledged with what it has (a stalled stream). */
  maxAgeMs: number;
  /** Bound of settled messages remembered for late steps and retries (small: they hold no text). */
  maxSettledEntries: number;
  /** Sends the one acknowledge of a filled message; must never throw or reject. */
  acknowledge: (outcome: FilledOutcome, text: string, ending: AnswerEnding) => void;
  /** Clock for the age limit (tests). Default `Date.now`. */
  now?: () => number;
}

/** Longest delay timers accept: more than 2^31 − 1 ms fires at once. */
const MAX_TIMER_MS = 2_147_483_647;

/** A timer that never keeps a Node process alive (scripts call `flush()` before they exit). */
function startTimer(callback: () => void, delayMs: number): Timer {
  const timer = setTimeout(callback, Math.min(Math.max(0, delayMs), MAX_TIMER_MS));
  timer.unref?.();
  return timer;
}

/**
 * Tracks user messages so steps and retries reuse one enhancement and acknowledge once.
 * In-flight messages live in one bounded map, settled ones (acknowledged, or without an ad) in a
 * smaller one that keeps no text: memory stays flat however many requests pass.
 */
export function createMessageLedger(options: MessageLedgerOptions) {
  const now = options.now ?? Date.now;
  const settled = new BoundedCache<MessageEntry>({
    maxEntries: options.maxSettledEntries,
    maxAgeMs: options.maxAgeMs,
    onEvict: () => {},
    now,
  });
  const settle = (entry: MessageEntry) => {
    live.delete(entry.key);
    settled.set(entry.key, entry);
  };
  const finalize = (entry: MessageEntry, ending: AnswerEnding) => {
    if (entry.state === 'done' || entry.outcome?.status !== 'filled') return;
    clearTimeout(entry.timer);
    clearTimeout(entry.ageTimer);
    entry.timer = undefined;
    entry.ageTimer = undefined;
    const call = entry.activeCall;
    if (call !== undefined && !call.ended) {
      call.ended = true;
      if (call.text !== '') entry.texts.push(call.text);
    }
    const text = entry.texts.join('\n\n');
    entry.texts = [];
    entry.activeCall = undefined;
    entry.state = 'done';
    settle(entry);
    options.acknowledge(entry.outcome, text, ending);
  };
  const live: BoundedCache<MessageEntry> = new BoundedCache<MessageEntry>({
    maxEntries: options.maxEntries,
    maxAgeMs: options.maxAgeMs,
    onEvict: (entry) => {
      if (entry.outcome?.status === 'filled') finalize(entry, 'evicted');
    },
    now,
  });

  return {
    /**
     * What a call for this message does (expired entries are swept first):
     * - start in flight: a duplicate (double submit).
     * - filled: a waiting message is continued (next step or retry); an acknowledged one is reused
     *   only by a late step (messages after the user's); a fresh call while it runs or after it
     *   was answered is a duplicate (Adstract answers 409 to a second start for a message).
     * - no-fill / rejected / 409: final for the message, reused by steps, retries and fresh
     *   resends (a second start would get the same answer, or 409).
     * - other failures: reused only by their own call chain (a step, or the retry of a model call
     *   that failed); a fresh resend of the message may try start again.
     */
    lookup(key: string, hasMessagesAfterUser: boolean): Lookup {
      live.sweep();
      settled.sweep();
      const entry = live.get(key) ?? settled.get(key);
      if (entry === undefined) return { kind: 'new' };
      if (entry.state === 'pending') return { kind: 'duplicate' };
      const outcome = entry.outcome;
      const status = outcome?.status;
      if (outcome?.status === 'failed' && outcome.reason !== 'duplicate') {
        if (hasMessagesAfterUser) return { kind: 'reuse', entry };
        if (entry.retryUntil !== undefined && now() <= entry.retryUntil) {
          entry.retryUntil = undefined;
          return { kind: 'reuse', entry };
        }
        return { kind: 'new' };
      }
      if (status !== 'filled') return { kind: 'reuse', entry };
      if (entry.state === 'waiting') return { kind: 'reuse', entry };
      if (entry.state === 'done' && hasMessagesAfterUser) return { kind: 'reuse', entry };
      return { kind: 'duplicate' };
    },

    /** Registers a message whose start call is about to be made. */
    create(key: string): MessageEntry {
      const entry: MessageEntry = {
        key,
        state: 'pending',
        outcome: undefined,
        texts: [],
        activeCall: undefined,
        pendingEnding: 'timeout',
        timer: undefined,
        ageTimer: undefined,
        createdAt: now(),
        retryUntil: undefined,
      };
      live.set(key, entry);
      return entry;
    },

    /** Records the start outcome of a pending message. */
    settle(entry: MessageEntry, outcome: StartOutcome): void {
      entry.outcome = outcome;
      if (outcome.status === 'filled') {
        entry.state = 'active';
        // Without new traffic nothing sweeps the cache: a stalled stream needs its own deadline.
        entry.ageTimer = startTimer(
          () => finalize(entry, 'evicted'),
          entry.createdAt + options.maxAgeMs - now(),
        );
      } else {
        entry.state = 'done';
        settle(entry);
      }
    },

    /** Starts a model call for a filled message. */
    beginCall(entry: MessageEntry, outcome: FilledOutcome): CallState {
      const acknowledges = entry.state !== 'done';
      const call: CallState = { entry, outcome, text: '', ended: false, acknowledges };
      if (acknowledges) {
        clearTimeout(entry.timer);
        entry.timer = undefined;
        entry.state = 'active';
        entry.activeCall = call;
      }
      return call;
    },

    /** Ends a model call exactly once; acknowledges now, or after a bounded wait for a next call. */
    endCall(call: CallState, ending: CallEnding): void {
      if (call.ended) return;
      call.ended = true;
      const { entry } = call;
      if (!call.acknowledges || entry.state === 'done') return;
      if (call.text !== '') entry.texts.push(call.text);
      entry.activeCall = undefined;
      if (ending === 'tool-calls' || ending === 'failed') {
        entry.state = 'waiting';
        entry.pendingEnding = ending === 'failed' ? 'error' : 'timeout';
        entry.timer = startTimer(
          () => finalize(entry, entry.pendingEnding),
          options.continuationTimeoutMs,
        );
        return;
      }
      finalize(entry, ending);
    },

    /** A model call without an ad failed: a retry of it may reuse a failed start. */
    modelCallFailed(entry: MessageEntry): void {
      if (entry.outcome?.status === 'failed') {
        entry.retryUntil = now() + options.continuationTimeoutMs;
      }
    },

    /**
     * Acknowledges, right now, every filled message in flight: waiting for a next step or retry,
     * or still streaming (with the text so far: its consumer may be gone for good).
     */
    finalizeAll(): void {
      for (const entry of live.values()) {
        if (entry.state === 'waiting' || entry.state === 'active') finalize(entry, 'flushed');
      }
    },

    /** Evicts expired entries (acknowledging filled ones that were never finished). */
    sweep(): void {
      live.sweep();
      settled.sweep();
    },

    /** Messages in flight and settled messages remembered. */
    get size(): { live: number; settled: number } {
      return { live: live.size, settled: settled.size };
    },
  };
}

/** The ledger's interface. */
export type MessageLedger = ReturnType<typeof createMessageLedger>;
