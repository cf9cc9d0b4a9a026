import type { CircuitState } from '../calls/circuit-breaker.js';
import type { FilledOutcome, TimedOutcome } from '../calls/start-outcome.js';
import type { StartFailureReason } from '../options/outcome-event.js';
import { type AdstractMetrics, definedAttributes } from './adstract-metrics.js';
import { SPAN_KEY } from './global-open-telemetry.js';
import type { ProceedReason, StartRecording } from './instrumentation.js';
import type {
  OpenTelemetryContext,
  OpenTelemetryContextManager,
  OpenTelemetrySpan,
  OpenTelemetrySpanContext,
  OpenTelemetryTracer,
} from './open-telemetry-types.js';
import { ATTRIBUTES, PROCEEDED_EVENT, SPAN_NAMES } from './telemetry-names.js';

/** `SpanKind.INTERNAL`: a logical operation (its HTTP attempts, when instrumented, nest under it). */
export const INTERNAL_SPAN = 0;
/** `SpanStatusCode.ERROR`. */
export const ERROR_STATUS = 2;

/** The final outcome of a start as its span and metrics report it. */
export type StartSpanOutcome =
  | 'filled'
  | 'no-fill'
  | 'rejected'
  | 'failed'
  | 'released'
  | 'late-fill';

/** What a start span reports once its start has answered. */
export interface StartDescription {
  outcome: StartSpanOutcome;
  failureReason?: StartFailureReason;
  /** The error's class name, or `timeout` when the call's time budget ran out first. */
  errorType?: string;
}

/** Where the acknowledge span of an ad goes: beside its start span, linked to it. */
export interface SpanOrigin {
  parent: OpenTelemetryContext | undefined;
  link: OpenTelemetrySpanContext | undefined;
}

/**
 * The outcome a start reports, as `onOutcome` reported it to the call, except that a 200 arriving
 * after the call went on is a `late-fill` (it is acknowledged all the same).
 */
export function describeStart(
  outcome: TimedOutcome,
  proceeded: ProceedReason | undefined,
): StartDescription {
  if (proceeded === undefined) {
    if (outcome.status !== 'failed') return { outcome: outcome.status };
    return {
      outcome: 'failed',
      failureReason: outcome.reason ?? 'invalid',
      errorType: outcome.error?.name ?? 'AdSDKError',
    };
  }
  if (outcome.status === 'filled') return { outcome: 'late-fill' };
  if (proceeded === 'released') return { outcome: 'released' };
  if (proceeded === 'aborted') return { outcome: 'failed', failureReason: 'aborted' };
  return { outcome: 'failed', failureReason: 'unavailable', errorType: 'timeout' };
}

/**
 * Opens the `adstract.start` span in the context active now (the model call's: the AI SDK's span
 * when its telemetry is on) and records the start's outcome once it has answered.
 */
export function createStartRecording(input: {
  tracer: OpenTelemetryTracer | undefined;
  metrics: AdstractMetrics | undefined;
  contextManager: OpenTelemetryContextManager | undefined;
  circuit: CircuitState | undefined;
  probe: boolean;
  maxRetries: number | undefined;
  onFilled: (ad: FilledOutcome, origin: SpanOrigin) => void;
}): StartRecording {
  const { tracer, metrics, contextManager } = input;
  const parent = contextManager?.active();
  const span: OpenTelemetrySpan | undefined = tracer?.startSpan(
    SPAN_NAMES.start,
    {
      kind: INTERNAL_SPAN,
      attributes: definedAttributes({
        [ATTRIBUTES.circuitState]: input.circuit,
        [ATTRIBUTES.circuitProbe]: input.probe ? true : undefined,
        [ATTRIBUTES.maxRetries]: input.maxRetries,
      }),
    },
    parent,
  );
  let proceeded: ProceedReason | undefined;
  let settled = false;

  return {
    run(send) {
      if (span === undefined || parent === undefined || contextManager === undefined) return send();
      return contextManager.with(parent.setValue(SPAN_KEY, span), send);
    },
    proceeded(reason) {
      proceeded = reason;
      span?.addEvent(PROCEEDED_EVENT, { [ATTRIBUTES.waitEnd]: reason });
    },
    settled(outcome) {
      if (settled) return;
      settled = true;
      const description = describeStart(outcome, proceeded);
      const counted = definedAttributes({ [ATTRIBUTES.outcome]: description.outcome });
      metrics?.startCount.add(1, counted);
      metrics?.startDuration.record(outcome.durationMs / 1000, counted);
      if (description.outcome === 'failed') {
        metrics?.failureCount.add(
          1,
          definedAttributes({
            [ATTRIBUTES.operation]: 'start',
            [ATTRIBUTES.failureReason]: description.failureReason,
            [ATTRIBUTES.errorType]: description.errorType,
          }),
        );
      }
      if (outcome.status === 'filled') {
        input.onFilled(outcome, { parent, link: span?.spanContext() });
      }
      if (span === undefined) return;
      if (span.isRecording()) {
        const attributes = definedAttributes({
          [ATTRIBUTES.outcome]: description.outcome,
          [ATTRIBUTES.failureReason]: description.failureReason,
          [ATTRIBUTES.errorType]: description.errorType,
          [ATTRIBUTES.waitEnd]: proceeded ?? 'answered',
          [ATTRIBUTES.adResponseId]: outcome.status === 'filled' ? outcome.adResponseId : undefined,
          [ATTRIBUTES.productName]:
            outcome.status === 'filled' ? (outcome.productName ?? undefined) : undefined,
        });
        for (const [key, value] of Object.entries(attributes)) {
          if (value !== undefined) span.setAttribute(key, value);
        }
        if (description.errorType !== undefined) span.setStatus({ code: ERROR_STATUS });
      }
      span.end();
    },
  };
}
