// 1f: what OpenTelemetry costs. The same streamText with an ad as 1a, with the middleware's
// tracing and metrics on (an SDK tracer exporting to memory, a meter with a reader) and off (the
// default with no SDK registered: one registry lookup per call), interleaved and paired per round.

import { adstractMiddleware } from '@adstract/ai-sdk';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { LanguageModel } from 'ai';
import { benchFetch } from './fake-adstract.ts';
import {
  collectGarbage,
  interleave,
  pairedDifferences,
  pairedRatios,
  type Summary,
  summarize,
} from './stats.ts';
import { AI_V7, answerParts, callContext, mockModel, PROMPT } from './stream-throughput.ts';

class BenchMetricReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

export interface TracingCostResult {
  rounds: number;
  deltas: number;
  /** Calls per sample (a sample is the mean over that many sequential calls). */
  callsPerSample: number;
  ms: Record<'off' | 'on', Summary>;
  /** Per round: traced / untraced. */
  ratio: Summary;
  /** Per round: traced − untraced, in ms per call. */
  addedMs: Summary;
  /** Spans exported per traced call (2: start and acknowledge). */
  spansPerCall: number;
}

/**
 * `rounds` interleaved rounds; each sample is the mean time of `callsPerSample` sequential
 * streamText calls of `deltas` deltas each (one call of 100k deltas is 1a's shape; many short
 * calls isolate the per-call cost, which a 1.3 s stream's noise hides).
 */
export async function tracingCost(
  rounds: number,
  deltas = 100_000,
  callsPerSample = 1,
): Promise<TracingCostResult> {
  const { streamText, wrapLanguageModel } = AI_V7;
  const parts = answerParts(deltas);
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const reader = new BenchMetricReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  let filled = 0;
  const options = (telemetry: Parameters<typeof adstractMiddleware>[0]) =>
    adstractMiddleware({
      apiKey: 'adpk_bench_0123456789',
      baseURL: 'http://bench.local',
      fetch: benchFetch({ fill: true }),
      onOutcome: (event) => {
        if (event.type === 'filled') filled++;
      },
      ...telemetry,
    });
  const off = options({});
  const on = options({
    telemetry: {
      tracer: tracerProvider.getTracer('bench'),
      meter: meterProvider.getMeter('bench'),
    },
  });
  const time = (model: LanguageModel, middleware: typeof off) => async () => {
    let elapsed = 0;
    for (let call = 0; call < callsPerSample; call++) {
      const started = performance.now();
      const result = streamText({ model, prompt: PROMPT, providerOptions: callContext() });
      await result.consumeStream();
      elapsed += performance.now() - started;
      // Each acknowledge settles before the next call, so none runs inside another stream.
      await middleware.flush();
    }
    return elapsed / callsPerSample;
  };
  const variants = {
    off: time(wrapLanguageModel({ model: mockModel(parts), middleware: off }), off),
    on: time(wrapLanguageModel({ model: mockModel(parts), middleware: on }), on),
  };
  await interleave(1, variants, collectGarbage);
  exporter.reset();
  const samples = await interleave(rounds, variants, collectGarbage);
  const spans = exporter.getFinishedSpans();
  const { resourceMetrics } = await reader.collect();
  const metricCount = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics).length;
  await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
  const calls = rounds * callsPerSample;
  if (filled !== 2 * (calls + callsPerSample) || spans.length !== 2 * calls || metricCount === 0) {
    throw new Error(`1f: ${filled} ads filled, ${spans.length} spans, ${metricCount} metrics`);
  }
  return {
    rounds,
    deltas,
    callsPerSample,
    ms: { off: summarize(samples.off), on: summarize(samples.on) },
    ratio: summarize(pairedRatios(samples.on, samples.off)),
    addedMs: summarize(pairedDifferences(samples.on, samples.off)),
    spansPerCall: spans.length / calls,
  };
}
