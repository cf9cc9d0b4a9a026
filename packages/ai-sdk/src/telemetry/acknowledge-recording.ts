import {
  type AdSDKError,
  DuplicateAcknowledgmentError,
  NetworkError,
  ServerError,
} from '@adstract/client';
import type { FilledOutcome } from '../calls/start-outcome.js';
import type { AnswerEnding, StartFailureReason } from '../options/outcome-event.js';
import { type AdstractMetrics, definedAttributes } from './adstract-metrics.js';
import type { AcknowledgeRecording } from './instrumentation.js';
import type { OpenTelemetryContextManager, OpenTelemetryTracer } from './open-telemetry-types.js';
import { ERROR_STATUS, INTERNAL_SPAN, type SpanOrigin } from './start-recording.js';
import { ATTRIBUTES, SPAN_NAMES } from './telemetry-names.js';

/**
 * Sorts a failed acknowledge like a failed start: `unavailable` when its outcome is unknown (a
 * 5xx, no answer: the circuit opens), `aborted`, `duplicate` for a 409, `invalid` otherwise.
 */
export function acknowledgeFailureReason(error: AdSDKError): StartFailureReason {
  if (NetworkError.isInstance(error)) return error.reason === 'aborted' ? 'aborted' : 'unavailable';
  if (ServerError.isInstance(error)) return 'unavailable';
  if (DuplicateAcknowledgmentError.isInstance(error)) return 'duplicate';
  return 'invalid';
}

/**
 * Records the `adstract.acknowledge` span in the context its start ran in (inside the AI SDK's
 * model-call span when its telemetry is on), linked to the start span. The acknowledge is sent
 * after the answer (from a stream's end, a timer, `flush()`, or for a 200 that came late), often
 * once the request's trace has ended; a processor that ends a trace's open spans with its root
 * (as `@vercel/otel` does) would cut an open span short, so the span is recorded when the
 * acknowledge has settled, with the time it began: it is never open while the trace ends.
 */
export function createAcknowledgeRecording(input: {
  tracer: OpenTelemetryTracer | undefined;
  metrics: AdstractMetrics | undefined;
  contextManager: OpenTelemetryContextManager | undefined;
  ad: FilledOutcome;
  ending: AnswerEnding;
  textLength: number;
  origin: SpanOrigin | undefined;
  /** Whether the span carries the ad's id (`telemetry.recordAdResponseId`). */
  recordAdResponseId: boolean;
}): AcknowledgeRecording {
  const { tracer, metrics, contextManager, origin, ending } = input;
  const startedAt = performance.now();
  const startTime = new Date();
  const link = origin?.link;
  let settled = false;
  const settle = (status: string, error?: AdSDKError) => {
    if (settled) return;
    settled = true;
    const byStatus = { [ATTRIBUTES.acknowledgeStatus]: status };
    metrics?.acknowledgeCount.add(1, { ...byStatus, [ATTRIBUTES.answerEnding]: ending });
    metrics?.acknowledgeDuration.record((performance.now() - startedAt) / 1000, byStatus);
    const failure =
      error === undefined
        ? undefined
        : {
            [ATTRIBUTES.failureReason]: acknowledgeFailureReason(error),
            [ATTRIBUTES.errorType]: error.name,
          };
    if (failure !== undefined) {
      metrics?.failureCount.add(1, { [ATTRIBUTES.operation]: 'acknowledge', ...failure });
    }
    if (tracer === undefined) return;
    const span = tracer.startSpan(
      SPAN_NAMES.acknowledge,
      {
        kind: INTERNAL_SPAN,
        startTime,
        attributes: definedAttributes({
          [ATTRIBUTES.outcome]: origin?.outcome,
          [ATTRIBUTES.adResponseId]: input.recordAdResponseId ? input.ad.adResponseId : undefined,
          [ATTRIBUTES.answerEnding]: ending,
          [ATTRIBUTES.answerLength]: input.textLength,
          [ATTRIBUTES.acknowledgeStatus]: status,
          ...failure,
        }),
        ...(link === undefined ? {} : { links: [{ context: link }] }),
      },
      origin?.parent,
    );
    if (failure !== undefined && failure[ATTRIBUTES.failureReason] !== 'aborted') {
      span.setStatus({ code: ERROR_STATUS });
    }
    span.end();
  };

  return {
    run(send) {
      // The request itself (its fetch span, when instrumented) runs in the start's context too.
      const parent = origin?.parent;
      if (tracer === undefined || parent === undefined || contextManager === undefined) {
        return send();
      }
      return contextManager.with(parent, send);
    },
    acknowledged(status) {
      // A custom client may resolve without a result: the acknowledge was still sent.
      settle(status ?? 'unknown');
    },
    failed(error) {
      settle('failed', error);
    },
  };
}
