import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  type DataPoint,
  MeterProvider,
  type MetricData,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';

/** A metric reader that only collects when the test asks. */
class TestMetricReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/** One data point of a counter or histogram, flattened for assertions. */
export interface RecordedPoint {
  attributes: Record<string, unknown>;
  /** A counter's sum. */
  value?: number;
  /** A histogram's count and sum. */
  count?: number;
  sum?: number;
}

/** A recorded metric: its descriptor and its points. */
export interface RecordedMetric {
  name: string;
  unit: string;
  points: RecordedPoint[];
}

function pointOf(point: DataPoint<unknown>): RecordedPoint {
  const value = point.value as number | { count: number; sum?: number };
  return typeof value === 'number'
    ? { attributes: { ...point.attributes }, value }
    : { attributes: { ...point.attributes }, count: value.count, sum: value.sum };
}

/** The OpenTelemetry SDK of a test: in-memory spans and metrics. */
export interface TestOpenTelemetry {
  tracerProvider: TracerProvider;
  meterProvider: MeterProvider;
  /** Every span ended so far. */
  spans(): ReadableSpan[];
  /** The spans with this name. */
  spansNamed(name: string): ReadableSpan[];
  /** Collects the metrics recorded so far, by name. */
  collect(): Promise<Map<string, RecordedMetric>>;
  reset(): void;
  /** Unregisters the globals and shuts the providers down. */
  shutdown(): Promise<void>;
}

/**
 * Registers an SDK the way an app does (`@opentelemetry/api` globals: tracer provider, meter
 * provider, an `AsyncLocalStorage` context manager), exporting to memory. `register: false` builds
 * the providers without registering them (for explicit `telemetry: { tracer, meter }`).
 */
export function startTestOpenTelemetry(options: { register?: boolean } = {}): TestOpenTelemetry {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const reader = new TestMetricReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const register = options.register ?? true;
  const contextManager = new AsyncLocalStorageContextManager().enable();
  if (register) {
    context.setGlobalContextManager(contextManager);
    trace.setGlobalTracerProvider(tracerProvider);
    metrics.setGlobalMeterProvider(meterProvider);
  }
  return {
    tracerProvider,
    meterProvider,
    spans: () => exporter.getFinishedSpans(),
    spansNamed: (name) => exporter.getFinishedSpans().filter((span) => span.name === name),
    async collect() {
      const { resourceMetrics } = await reader.collect();
      const found = new Map<string, RecordedMetric>();
      for (const scope of resourceMetrics.scopeMetrics) {
        for (const metric of scope.metrics as MetricData[]) {
          found.set(metric.descriptor.name, {
            name: metric.descriptor.name,
            unit: metric.descriptor.unit,
            points: (metric.dataPoints as DataPoint<unknown>[]).map(pointOf),
          });
        }
      }
      return found;
    },
    reset: () => exporter.reset(),
    async shutdown() {
      if (register) {
        trace.disable();
        metrics.disable();
        context.disable();
      }
      contextManager.disable();
      await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
    },
  };
}

/** Every string in a span's attributes, events, links and status: what an exporter would send. */
export function spanText(span: ReadableSpan): string {
  return JSON.stringify({
    name: span.name,
    attributes: span.attributes,
    events: span.events,
    links: span.links,
    status: span.status,
  });
}
