// Names of the spans, attributes and metrics this package records, after OpenTelemetry's naming
// conventions: lower case, dot-separated namespaces, snake_case words, no name that is also a
// namespace. The README's "Observability" tables list them; keep both in step.

/** Span names. */
export const SPAN_NAMES = {
  start: 'adstract.start',
  acknowledge: 'adstract.acknowledge',
} as const;

/** Attribute names (spans and metrics). */
export const ATTRIBUTES = {
  outcome: 'adstract.outcome',
  failureReason: 'adstract.failure.reason',
  errorType: 'error.type',
  operation: 'adstract.operation',
  adResponseId: 'adstract.ad_response_id',
  productName: 'adstract.product_name',
  maxRetries: 'adstract.start.max_retries',
  waitEnd: 'adstract.wait.end',
  circuitState: 'adstract.circuit.state',
  circuitProbe: 'adstract.circuit.probe',
  circuitCause: 'adstract.circuit.cause',
  acknowledgeStatus: 'adstract.acknowledge.status',
  answerEnding: 'adstract.answer.ending',
  answerLength: 'adstract.answer.length',
  skipReason: 'adstract.skip.reason',
  pacingRule: 'adstract.pacing.rule',
} as const;

/** Metric names. Durations are in seconds, as OpenTelemetry's semantic conventions record them. */
export const METRIC_NAMES = {
  startCount: 'adstract.start.count',
  startDuration: 'adstract.start.duration',
  acknowledgeCount: 'adstract.acknowledge.count',
  acknowledgeDuration: 'adstract.acknowledge.duration',
  failureCount: 'adstract.failure.count',
  skipCount: 'adstract.skip.count',
  circuitTransitionCount: 'adstract.circuit.transition.count',
} as const;

/**
 * Bucket boundaries of the duration histograms, in seconds: those OpenTelemetry's semantic
 * conventions advise for `http.client.request.duration`, from 5 ms to 10 s.
 */
export const DURATION_BUCKETS_S = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];
