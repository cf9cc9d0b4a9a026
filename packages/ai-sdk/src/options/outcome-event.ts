import type { AcknowledgmentStatus, AdSDKError } from '@adstract/client';
import type { PacingRule } from '../pacing/pacing-options.js';

/** Why a call went to the model without an ad request. */
export type SkipReason =
  | 'disabled'
  | 'no-user-text'
  | 'structured-output'
  | 'invalid-context'
  | 'context-timeout'
  /** The user's message is longer than Adstract's prompt limit (see the client's input limits). */
  | 'prompt-too-long'
  | 'duplicate'
  | 'circuit-open'
  /** A late step, retry or approval continuation of a message whose acknowledge was already sent. */
  | 'answer-acknowledged'
  /** The wrapped model speaks a spec this package does not know (not V2, V3 or V4). */
  | 'unsupported-model'
  /** A `pacing` rule holds the ad back in this turn (the event names the rule). */
  | 'paced';

/** Events reported through `onOutcome`. Never carries the end user's IP or the API key. */
export type AdstractOutcomeEvent =
  | {
      type: 'requested';
      sessionId: string;
      /** Set when this message was asked for before: its earlier start was aborted, or failed. */
      again?: 'after-abort' | 'after-failure';
    }
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
  | {
      /** The circuit opened while this call waited for start: it answered at once without an ad. */
      type: 'released';
      sessionId: string;
      durationMs: number;
    }
  | {
      /**
       * A start answered 200 after its call had gone on without the ad (the budget ran out, the
       * circuit opened, or the caller aborted): the ad is acknowledged once, with the text of the
       * answer the user received without it.
       */
      type: 'late-fill';
      sessionId: string;
      adResponseId: string;
      productName: string | null;
      durationMs: number;
    }
  | { type: 'skipped'; reason: Exclude<SkipReason, 'paced'> }
  | {
      type: 'skipped';
      reason: 'paced';
      /** The rule that held the ad back. */
      rule: PacingRule;
      /** The call's turn: how many user messages the prompt has, up to its latest one. */
      turn: number;
    }
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
 * `abandoned` when the consumer stopped reading (a closed tab without `consumeStream()`) and the
 * middleware read the model's stream to its end itself; `evicted` when the cache was full or the
 * answer was in flight longer than `cache.maxAgeMs`; `flushed` by `flush()`.
 */
export type AnswerEnding =
  | 'finished'
  | 'aborted'
  | 'cancelled'
  | 'error'
  | 'timeout'
  | 'abandoned'
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
  | 'start-failures'
  | 'acknowledge-failed'
  | 'cool-down-elapsed'
  | 'probe-succeeded'
  | 'probe-acknowledged'
  | 'probe-failed';
