import type { CircuitState } from '../calls/circuit-breaker.js';
import type { FilledOutcome, TimedOutcome } from '../calls/start-outcome.js';
import type { StartFailureReason } from '../options/outcome-event.js';
import { type AdstractMetrics, definedAttributes } from './adstract-metrics.js';
import { SPAN_KEY } from './global-open-telemetry.js';
import type { ProceedReason, StartRecording } from './instrumentation.js';
import type {
  OpenTelemetryAttributes,
  OpenTelemetryContext,
  OpenTelemetryContextManager,
  OpenTelemetrySpan,
  OpenTelemetrySpanContext,
  OpenTelemetryTracer,
} from './open-telemetry-types.js';
import { ATTRIBUTES, SPAN_NAMES } from './telemetry-names.js';

/** `SpanKind.INTERNAL`: a logical operation (its HTTP attempts, when instrumented, nest under it). */
export const INTERNAL_SPAN = 0;
/** `SpanStatusCode.ERROR`. */
export const ERROR_STATUS = 2;

/** The final outcome of a start as its metrics (and the spans) report it. */
export type StartSpanOutcome =
  | 'filled'
  | 'no-fill'
  | 'rejected'
  | 'failed'
  | 'released'
  | 'late-fill';

/** What is reported of a start. */
export interface StartDescription {
  outcome: StartSpanOutcome;
  failureReason?: StartFailureReason;
  /** The error's class name, or `timeout` when the call's time budget ran out first. */
  errorType?: string;
}

/**
 * What the acknowledge span of an ad needs from its start: the context the start ran in (the
 * model call's: its parent), the start span (its link), and how the ad came.
 */
export interface SpanOrigin {
  parent: OpenTelemetryContext | undefined;
  link: OpenTelemetrySpanContext | undefined;
  outcome: 'filled' | 'late-fill';
}

/** How a call that stopped waiting ended, as `onOutcome` reported it. */
export function describeProceeded(reason: ProceedReason): StartDescription {
  if (reason === 'released') return { outcome: 'released' };
  if (reason === 'aborted') return { outcome: 'failed', failureReason: 'aborted' };
  return { outcome: 'failed', failureReason: 'unavailable', errorType: 'timeout' };
}

/**
 * The outcome of a start as `onOutcome` reported it to its call, except that a 200 arriving after
 * the call went on is a `late-fill` (it is acknowledged all the same).
 */
export function describeStart(
  outcome: TimedOutcome,
  proceeded: ProceedReason | undefined,
): StartDescription {
  if (proceeded !== undefined) {
    return outcome.status === 'filled' ? { outcome: 'late-fill' } : describeProceeded(proceeded);
  }
  if (outcome.status !== 'failed') return { outcome: outcome.status };
  return {
    outcome: 'failed',
    failureReason: outcome.reason ?? 'invalid',
    errorType: outcome.error?.name ?? 'AdSDKError',
  };
}

/** Sets a span's outcome attributes and status, and ends it. */
function endSpan(span: OpenTelemetrySpan, attributes: OpenTelemetryAttributes, failed: boolean) {
  if (span.isRecording()) {
    for (const [key, value] of Object.entries(definedAttributes(attributes))) {
      if (value !== undefined) span.setAttribute(key, value);
    }
    if (failed) span.setStatus({ code: ERROR_STATUS });
  }
  span.end();
}

/**
 * Opens the `adstract.start` span in the context active now (the model call's: the AI SDK's span
 * when its telemetry is on). The span covers the time the call waited for its ad: it ends when
 * the answer arrives, or when the call goes on without it, so it always ends within the request
 * (a processor that ends a trace's open spans with its root, as `@vercel/otel` does, loses
 * nothing). The metrics count the start's final outcome once it has answered, `late-fill`
 * included.
 */
export function createStartRecording(input: {
  tracer: OpenTelemetryTracer | undefined;
  metrics: AdstractMetrics | undefined;
  contextManager: OpenTelemetryContextManager | undefined;
  circuit: CircuitState | undefined;
  probe: boolean;
  maxRetries: number | undefined;
  /** Whether the span carries the ad's id (`telemetry.recordAdResponseId`). */
  recordAdResponseId: boolean;
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
      if (proceeded !== undefined || settled) return;
      proceeded = reason;
      if (span === undefined) return;
      const description = describeProceeded(reason);
      endSpan(
        span,
        {
          [ATTRIBUTES.outcome]: description.outcome,
          [ATTRIBUTES.failureReason]: description.failureReason,
          [ATTRIBUTES.errorType]: description.errorType,
          [ATTRIBUTES.waitEnd]: reason,
        },
        description.errorType !== undefined,
      );
    },
    settled(outcome) {
      if (settled) return;
      settled = true;
      const description = describeStart(outcome, proceeded);
      const counted = { [ATTRIBUTES.outcome]: description.outcome };
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
        input.onFilled(outcome, {
          parent,
          link: span?.spanContext(),
          outcome: proceeded === undefined ? 'filled' : 'late-fill',
        });
      }
      if (span === undefined || proceeded !== undefined) return;
      const filled = outcome.status === 'filled' ? outcome : undefined;
      endSpan(
        span,
        {
          [ATTRIBUTES.outcome]: description.outcome,
          [ATTRIBUTES.failureReason]: description.failureReason,
          [ATTRIBUTES.errorType]: description.errorType,
          [ATTRIBUTES.waitEnd]: 'answered',
          [ATTRIBUTES.adResponseId]: input.recordAdResponseId ? filled?.adResponseId : undefined,
          [ATTRIBUTES.productName]: filled?.productName ?? undefined,
        },
        description.errorType !== undefined,
      );
    },
  };
}
