import {
  type Check,
  type ChecksOf,
  invalid,
  isRecord,
  objectOf,
  ofType,
} from '@adstract/client/internal';
import type { OpenTelemetryMeter, OpenTelemetryTracer } from './open-telemetry-types.js';

/**
 * Where the middleware's OpenTelemetry spans and metrics go (see the README, "Observability").
 * Each one left out comes from the providers registered globally (`@opentelemetry/api`'s
 * `trace` and `metrics`), read at each call; `false` turns that one off.
 */
export interface AdstractTelemetryOptions {
  /** The tracer of the `adstract.start` and `adstract.acknowledge` spans, or `false` for none. */
  tracer?: OpenTelemetryTracer | false;
  /** The meter of the `adstract.*` metrics, or `false` for none. */
  meter?: OpenTelemetryMeter | false;
  /**
   * Whether the spans carry `adstract.ad_response_id` (default `false`). Ad ids stay out of spans
   * unless you ask: a trace backend is read by more people, and kept longer, than Adstract's
   * reports. Turn it on to join a trace to an ad on Adstract's side; `providerMetadata.adstract`
   * carries the id to your own code either way.
   */
  recordAdResponseId?: boolean;
}

const withMethods =
  (names: readonly string[], description: string): Check =>
  (value, field) => {
    if (value === false) return;
    const ok =
      typeof value === 'object' &&
      value !== null &&
      names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
    if (!ok) throw invalid(field, `must be false or ${description}`);
  };

const settingsChecks: ChecksOf<AdstractTelemetryOptions> = {
  tracer: withMethods(['startSpan'], 'an OpenTelemetry Tracer (with startSpan)'),
  meter: withMethods(
    ['createCounter', 'createHistogram'],
    'an OpenTelemetry Meter (with createCounter and createHistogram)',
  ),
  recordAdResponseId: ofType('boolean', 'true or false'),
};
const checkSettings = objectOf(settingsChecks);

/** Checks the `telemetry` option: `false`, or `{ tracer?, meter?, recordAdResponseId? }`. */
export const checkTelemetry: Check = (value, field) => {
  if (value === false) return;
  if (!isRecord(value)) throw invalid(field, 'must be false or an object');
  checkSettings(value, field);
};
