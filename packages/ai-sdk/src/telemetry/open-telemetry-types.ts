// The parts of the OpenTelemetry API (`@opentelemetry/api` 1.x) this package uses, typed
// structurally: the published declarations never import `@opentelemetry/api`, so they type-check in
// an app that does not install it, and a real `Tracer` or `Meter` is assignable to them.

/** An attribute value as OpenTelemetry takes it. */
export type OpenTelemetryAttributeValue = string | number | boolean;

/** Span or metric attributes. */
export type OpenTelemetryAttributes = Record<string, OpenTelemetryAttributeValue | undefined>;

/** An OpenTelemetry `Context`: opaque here, handed back to the API as it came. */
export interface OpenTelemetryContext {
  getValue(key: symbol): unknown;
  setValue(key: symbol, value: unknown): OpenTelemetryContext;
}

/** What identifies a span (`SpanContext`). */
export interface OpenTelemetrySpanContext {
  traceId: string;
  spanId: string;
  traceFlags: number;
}

/** The parts of an OpenTelemetry `Span` this package calls. */
export interface OpenTelemetrySpan {
  spanContext(): OpenTelemetrySpanContext;
  setAttribute(key: string, value: OpenTelemetryAttributeValue): unknown;
  addEvent(name: string, attributes?: OpenTelemetryAttributes): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  isRecording(): boolean;
  end(endTime?: Date): void;
}

/** Options of `Tracer.startSpan` this package passes. */
export interface OpenTelemetrySpanOptions {
  /** `SpanKind`: 0 is `INTERNAL`. */
  kind?: number;
  attributes?: OpenTelemetryAttributes;
  links?: Array<{ context: OpenTelemetrySpanContext; attributes?: OpenTelemetryAttributes }>;
  /** A new trace, whatever the context's span. */
  root?: boolean;
  /** When the operation began, for a span recorded once it is over. */
  startTime?: Date;
}

/** The parts of an OpenTelemetry `Tracer` this package calls: pass `trace.getTracer(...)`. */
export interface OpenTelemetryTracer {
  startSpan(
    name: string,
    options?: OpenTelemetrySpanOptions,
    context?: OpenTelemetryContext,
  ): OpenTelemetrySpan;
}

/** An OpenTelemetry `Counter`. */
export interface OpenTelemetryCounter {
  add(value: number, attributes?: OpenTelemetryAttributes): void;
}

/** An OpenTelemetry `Histogram`. */
export interface OpenTelemetryHistogram {
  record(value: number, attributes?: OpenTelemetryAttributes): void;
}

/** Options of `Meter.createCounter` / `createHistogram` this package passes. */
export interface OpenTelemetryInstrumentOptions {
  description?: string;
  unit?: string;
  advice?: { explicitBucketBoundaries?: number[] };
}

/** The parts of an OpenTelemetry `Meter` this package calls: pass `metrics.getMeter(...)`. */
export interface OpenTelemetryMeter {
  createCounter(name: string, options?: OpenTelemetryInstrumentOptions): OpenTelemetryCounter;
  createHistogram(name: string, options?: OpenTelemetryInstrumentOptions): OpenTelemetryHistogram;
}

/** The parts of an OpenTelemetry `ContextManager` this package calls. */
export interface OpenTelemetryContextManager {
  active(): OpenTelemetryContext;
  with<Result>(context: OpenTelemetryContext, callback: () => Result): Result;
}
