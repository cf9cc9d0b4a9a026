import type {
  OpenTelemetryAttributes,
  OpenTelemetryCounter,
  OpenTelemetryHistogram,
  OpenTelemetryMeter,
} from './open-telemetry-types.js';
import { DURATION_BUCKETS_S, METRIC_NAMES } from './telemetry-names.js';

/**
 * The instruments of one meter. Their attributes are all of small, fixed sets (outcomes,
 * statuses, reasons, error class names): no ad id, product name or session, whose number grows
 * with traffic.
 */
export interface AdstractMetrics {
  startCount: OpenTelemetryCounter;
  startDuration: OpenTelemetryHistogram;
  acknowledgeCount: OpenTelemetryCounter;
  acknowledgeDuration: OpenTelemetryHistogram;
  failureCount: OpenTelemetryCounter;
  skipCount: OpenTelemetryCounter;
  circuitTransitionCount: OpenTelemetryCounter;
}

/** Creates the instruments on `meter`. */
export function createAdstractMetrics(meter: OpenTelemetryMeter): AdstractMetrics {
  const counter = (name: string, description: string, unit: string) =>
    meter.createCounter(name, { description, unit });
  const duration = (name: string, description: string) =>
    meter.createHistogram(name, {
      description,
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS_S },
    });
  return {
    startCount: counter(
      METRIC_NAMES.startCount,
      'Adstract start calls, by final outcome (adstract.outcome)',
      '{request}',
    ),
    startDuration: duration(
      METRIC_NAMES.startDuration,
      'Time from sending an Adstract start call to its answer, by final outcome',
    ),
    acknowledgeCount: counter(
      METRIC_NAMES.acknowledgeCount,
      'Adstract acknowledgements, by status (adstract.acknowledge.status) and how the answer ended',
      '{request}',
    ),
    acknowledgeDuration: duration(
      METRIC_NAMES.acknowledgeDuration,
      'Time an Adstract acknowledge request took, by status',
    ),
    failureCount: counter(
      METRIC_NAMES.failureCount,
      'Failed Adstract calls, by operation, reason (adstract.failure.reason) and error.type',
      '{failure}',
    ),
    skipCount: counter(
      METRIC_NAMES.skipCount,
      'Model calls sent without asking Adstract for an ad, by reason (adstract.skip.reason)',
      '{call}',
    ),
    circuitTransitionCount: counter(
      METRIC_NAMES.circuitTransitionCount,
      'Circuit breaker transitions, by new state and cause',
      '{transition}',
    ),
  };
}

/** Attributes without their undefined entries (what a metric data point keys on). */
export function definedAttributes(attributes: OpenTelemetryAttributes): OpenTelemetryAttributes {
  const defined: OpenTelemetryAttributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined) defined[key] = value;
  }
  return defined;
}
