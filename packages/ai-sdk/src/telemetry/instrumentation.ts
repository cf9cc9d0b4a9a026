import type { AcknowledgmentStatus, AdSDKError } from '@adstract/client';
import type { CircuitState } from '../calls/circuit-breaker.js';
import type { FilledOutcome, TimedOutcome } from '../calls/start-outcome.js';
import type { AdstractOutcomeEvent, AnswerEnding } from '../options/outcome-event.js';

/** How a call stopped waiting for its start before the answer came. */
export type ProceedReason = 'budget' | 'released' | 'aborted';

/** What is recorded of one start call. */
export interface StartRecording {
  /** Runs the request in the start span's context, so an HTTP client span nests under it. */
  run<Result>(send: () => Result): Result;
  /** The call went on without the ad (its start is still out, `settled` follows): ends the span. */
  proceeded(reason: ProceedReason): void;
  /** The start answered (in time: ends the span; or after `proceeded`): counts the outcome. */
  settled(outcome: TimedOutcome): void;
}

/** What is recorded of one acknowledge. */
export interface AcknowledgeRecording {
  /** Runs the request in the acknowledge span's context. */
  run<Result>(send: () => Result): Result;
  /** Adstract took it (`status` is undefined when a custom client resolved without a result). */
  acknowledged(status: AcknowledgmentStatus | undefined): void;
  failed(error: AdSDKError): void;
}

/**
 * What the ad cycle and the acknowledger tell telemetry: the few moments that need a span's
 * context (a start sent, settled; an acknowledge sent, settled) are direct calls, everything else
 * comes from the outcome events. The default records nothing and costs a no-op call.
 */
export interface Instrumentation {
  /** A start is about to be sent, in the context of the model call that asked for it. */
  startSent(circuit: CircuitState | undefined, probe: boolean): StartRecording;
  /** The one acknowledge of `ad` is about to be sent. */
  acknowledgeSent(
    ad: FilledOutcome,
    ending: AnswerEnding,
    textLength: number,
  ): AcknowledgeRecording;
  /** Every event the middleware reports through `onOutcome` (skips, circuit transitions, ...). */
  outcome(event: AdstractOutcomeEvent): void;
}

const run = <Result>(send: () => Result): Result => send();
const ignore = () => {};

/** A start recording that records nothing. */
export const NO_START_RECORDING: StartRecording = { run, proceeded: ignore, settled: ignore };

/** An acknowledge recording that records nothing. */
export const NO_ACKNOWLEDGE_RECORDING: AcknowledgeRecording = {
  run,
  acknowledged: ignore,
  failed: ignore,
};

/** Records nothing: telemetry turned off. */
export const NO_INSTRUMENTATION: Instrumentation = {
  startSent: () => NO_START_RECORDING,
  acknowledgeSent: () => NO_ACKNOWLEDGE_RECORDING,
  outcome: ignore,
};
