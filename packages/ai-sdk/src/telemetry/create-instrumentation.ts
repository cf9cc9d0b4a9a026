import type { FilledOutcome } from '../calls/start-outcome.js';
import { SDK_NAME, VERSION } from '../version.js';
import { createAcknowledgeRecording } from './acknowledge-recording.js';
import {
  type AdstractMetrics,
  createAdstractMetrics,
  definedAttributes,
} from './adstract-metrics.js';
import { createGlobalOpenTelemetry, type GlobalOpenTelemetry } from './global-open-telemetry.js';
import {
  type AcknowledgeRecording,
  type Instrumentation,
  NO_ACKNOWLEDGE_RECORDING,
  NO_INSTRUMENTATION,
  NO_START_RECORDING,
  type StartRecording,
} from './instrumentation.js';
import type { OpenTelemetryMeter } from './open-telemetry-types.js';
import { createStartRecording, type SpanOrigin } from './start-recording.js';
import { ATTRIBUTES } from './telemetry-names.js';
import type { AdstractTelemetryOptions } from './telemetry-options.js';

/** Runs a telemetry step; a tracer or meter that throws must never break an ad or an answer. */
function safely(step: () => void): void {
  try {
    step();
  } catch {
    // Telemetry is best effort.
  }
}

/** Runs `send` once, in the recording's context when that works, on its own otherwise. */
function runSafely<Result>(recording: { run<R>(send: () => R): R }, send: () => Result): Result {
  let sent = false;
  try {
    return recording.run(() => {
      sent = true;
      return send();
    });
  } catch (error) {
    if (sent) throw error;
    return send();
  }
}

function guardStart(recording: StartRecording): StartRecording {
  return {
    run: (send) => runSafely(recording, send),
    proceeded: (reason) => safely(() => recording.proceeded(reason)),
    settled: (outcome) => safely(() => recording.settled(outcome)),
  };
}

function guardAcknowledge(recording: AcknowledgeRecording): AcknowledgeRecording {
  return {
    run: (send) => runSafely(recording, send),
    acknowledged: (status) => safely(() => recording.acknowledged(status)),
    failed: (error) => safely(() => recording.failed(error)),
  };
}

/**
 * The middleware's OpenTelemetry instrumentation: spans on the tracer and metrics on the meter of
 * `telemetry` (each, when left out, from the globally registered provider, looked up at each call).
 * With `telemetry: false`, or nothing registered, it records nothing and creates nothing.
 */
export function createInstrumentation(input: {
  telemetry: AdstractTelemetryOptions | false | undefined;
  /** The `retries` of the start call, when the middleware builds the client (unknown otherwise). */
  maxRetries: number | undefined;
  global?: GlobalOpenTelemetry;
}): Instrumentation {
  const { telemetry } = input;
  if (telemetry === false) return NO_INSTRUMENTATION;
  const global = input.global ?? createGlobalOpenTelemetry({ name: SDK_NAME, version: VERSION });
  const chosenTracer = telemetry?.tracer;
  const chosenMeter = telemetry?.meter;
  const recordAdResponseId = telemetry?.recordAdResponseId === true;
  const currentTracer = () =>
    chosenTracer === false ? undefined : (chosenTracer ?? global.tracer());
  let meter: OpenTelemetryMeter | undefined;
  let metrics: AdstractMetrics | undefined;
  const currentMetrics = () => {
    const current = chosenMeter === false ? undefined : (chosenMeter ?? global.meter());
    if (current !== meter) {
      meter = current;
      metrics = undefined;
      safely(() => {
        metrics = current === undefined ? undefined : createAdstractMetrics(current);
      });
    }
    return metrics;
  };
  /** Where each ad's acknowledge span goes; weak, so an ad never acknowledged holds nothing. */
  const origins = new WeakMap<FilledOutcome, SpanOrigin>();

  return {
    startSent(circuit, probe) {
      try {
        const tracer = currentTracer();
        const startMetrics = currentMetrics();
        if (tracer === undefined && startMetrics === undefined) return NO_START_RECORDING;
        return guardStart(
          createStartRecording({
            tracer,
            metrics: startMetrics,
            contextManager: global.contextManager(),
            circuit,
            probe,
            maxRetries: input.maxRetries,
            recordAdResponseId,
            onFilled: (ad, origin) => origins.set(ad, origin),
          }),
        );
      } catch {
        return NO_START_RECORDING;
      }
    },

    acknowledgeSent(ad, ending, textLength) {
      try {
        const origin = origins.get(ad);
        origins.delete(ad);
        const tracer = currentTracer();
        const acknowledgeMetrics = currentMetrics();
        if (tracer === undefined && acknowledgeMetrics === undefined) {
          return NO_ACKNOWLEDGE_RECORDING;
        }
        return guardAcknowledge(
          createAcknowledgeRecording({
            tracer,
            metrics: acknowledgeMetrics,
            contextManager: global.contextManager(),
            ad,
            ending,
            textLength,
            origin,
            recordAdResponseId,
          }),
        );
      } catch {
        return NO_ACKNOWLEDGE_RECORDING;
      }
    },

    outcome(event) {
      if (event.type !== 'skipped' && event.type !== 'circuit') return;
      safely(() => {
        const eventMetrics = currentMetrics();
        if (eventMetrics === undefined) return;
        if (event.type === 'circuit') {
          eventMetrics.circuitTransitionCount.add(1, {
            [ATTRIBUTES.circuitState]: event.state,
            [ATTRIBUTES.circuitCause]: event.cause,
          });
          return;
        }
        eventMetrics.skipCount.add(
          1,
          definedAttributes({
            [ATTRIBUTES.skipReason]: event.reason,
            [ATTRIBUTES.pacingRule]: event.reason === 'paced' ? event.rule : undefined,
          }),
        );
      });
    },
  };
}
