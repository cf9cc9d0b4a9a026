import { OpenTelemetry } from '@ai-sdk/otel';
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { registerTelemetry } from 'ai';
import { style } from './terminal-renderer.js';

/** `pnpm demo -- --trace`, or `DEMO_TRACE=1`: print each turn's spans. */
export function wantsTrace(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return argv.includes('--trace') || (env.DEMO_TRACE !== undefined && env.DEMO_TRACE !== '');
}

class DemoMetricReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

const milliseconds = (span: ReadableSpan) => {
  const [seconds, nanoseconds] = span.duration;
  return `${(seconds * 1000 + nanoseconds / 1e6).toFixed(0)} ms`;
};

/** What the demo prints of one `adstract.*` span: its duration and the attributes that matter. */
export function describeAdSpan(span: ReadableSpan): string {
  const { attributes } = span;
  const outcome = attributes['adstract.outcome'];
  // An acknowledge is of a filled ad: only a late one is worth saying.
  const isStart = span.name === 'adstract.start';
  const details = [
    isStart || outcome === 'late-fill' ? outcome : undefined,
    attributes['adstract.product_name'],
    attributes['adstract.acknowledge.status'],
    attributes['error.type'],
    span.links.length > 0 ? 'links to adstract.start' : undefined,
  ].filter((value) => value !== undefined);
  return `${span.name} ${milliseconds(span)}${details.map((detail) => ` · ${detail}`).join('')}`;
}

/**
 * One trace per turn, printed as the path from the AI SDK's root span to the span the ad spans
 * nest in, then each `adstract.*` span on a line of its own.
 */
export function summariseTrace(spans: readonly ReadableSpan[]): string {
  const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
  const ours = spans.filter((span) => span.name.startsWith('adstract.'));
  if (ours.length === 0) return style.dim('  ↳ trace: no ad spans');
  const path: string[] = [];
  let current = byId.get(ours[0]?.parentSpanContext?.spanId ?? '');
  while (current !== undefined) {
    path.unshift(current.name);
    current = byId.get(current.parentSpanContext?.spanId ?? '');
  }
  const lines = [`  ↳ trace: ${path.length > 0 ? path.join(' › ') : '(root)'}`];
  for (const span of ours) lines.push(`      ${describeAdSpan(span)}`);
  return style.dim(lines.join('\n'));
}

/** The counters of the run, one line: `adstract.start.count filled=2 no-fill=1 · ...`. */
async function summariseMetrics(reader: DemoMetricReader): Promise<string> {
  const { resourceMetrics } = await reader.collect();
  const parts: string[] = [];
  for (const metric of resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics)) {
    const name = metric.descriptor.name;
    if (!name.endsWith('.count')) continue;
    const points = metric.dataPoints.map((point) => {
      const label = Object.values(point.attributes).join('/');
      return `${label}=${String(point.value)}`;
    });
    parts.push(`${name} ${points.join(' ')}`);
  }
  return style.dim(`metrics: ${parts.join(' · ')}`);
}

/** The OpenTelemetry SDK of `--trace`: spans kept in memory, the AI SDK's spans on. */
export interface DemoTracing {
  /** The spans ended since the last call, summarised. */
  takeTurn(): string;
  /** The metric counters of the whole run. */
  metricsLine(): Promise<string>;
  shutdown(): Promise<void>;
}

/** Registers an SDK (as an app's instrumentation file would) that the demo reads back. */
export function startTracing(): DemoTracing {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const reader = new DemoMetricReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  registerTelemetry(new OpenTelemetry());
  return {
    takeTurn() {
      const spans = exporter.getFinishedSpans();
      exporter.reset();
      return summariseTrace(spans);
    },
    metricsLine: () => summariseMetrics(reader),
    async shutdown() {
      await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
    },
  };
}
