import v8 from 'node:v8';
import { adstractMiddleware } from '@adstract/ai-sdk';
import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { type LanguageModel, streamText, wrapLanguageModel } from 'ai';
import type { MockLanguageModelV4 } from 'ai/test';
import { benchFetch } from './fake-adstract.ts';
import { settledHeapMb, sleep } from './stats.ts';
import {
  answerParts,
  callContext,
  mockModel,
  PROMPT,
  quietMockModel,
} from './stream-throughput.ts';

/** The middleware's default start timeout: a request's timer may live this long. */
const START_TIMEOUT_MS = 3_000;

export interface MemoryResult {
  warmup: number;
  requests: number;
  /** Heap after `requests` sequential requests minus heap after the warm-up. */
  growthMb: number;
  concurrent: number;
  /** Heap per in-flight stream, wrapped with an ad filled. */
  perStreamKb: number;
  /** The same through the bare model: what streamText itself holds per stream. */
  barePerStreamKb: number;
}

/**
 * 1d: heap growth over sequential requests after a warm-up that fills the middleware's bounded
 * caches, and heap per in-flight stream at `concurrent` streams, wrapped and bare. Models keep no
 * record of their calls; every heap reading comes after full collections, and the sequential
 * readings come after the start timeout has passed, so no request's timer is still alive.
 */
export async function memory(
  warmup: number,
  requests: number,
  concurrent: number,
): Promise<MemoryResult> {
  // V8 drops the bytecode of functions unused for a few collections (those of earlier sections):
  // the heap would shrink by ~5 MB during the measurement and hide growth. Keep it.
  v8.setFlagsFromString('--no-flush-bytecode');
  let errors = 0;
  const middleware = adstractMiddleware({
    apiKey: 'adpk_bench_0123456789',
    baseURL: 'http://bench.local',
    fetch: benchFetch({ fill: true }),
    onError: () => {
      errors++;
    },
  });
  const model = wrapLanguageModel({ model: mockModel(answerParts(20)), middleware });
  const run = async () => {
    const result = streamText({ model, prompt: PROMPT, providerOptions: callContext() });
    await result.consumeStream();
  };
  for (let index = 0; index < warmup; index++) await run();
  await middleware.flush();
  await sleep(START_TIMEOUT_MS + 500);
  const baseline = await settledHeapMb();
  for (let index = 0; index < requests; index++) await run();
  await middleware.flush();
  await sleep(START_TIMEOUT_MS + 500);
  const growthMb = (await settledHeapMb()) - baseline;

  const wrap = (inner: MockLanguageModelV4) => wrapLanguageModel({ model: inner, middleware });
  // A few held streams first, so that code compiled on first use is not counted as per-stream heap.
  await heldStreamsKb(50, wrap);
  await heldStreamsKb(50, (inner) => inner);
  const barePerStreamKb = await heldStreamsKb(concurrent, (inner) => inner);
  const perStreamKb = await heldStreamsKb(concurrent, wrap);
  await middleware.flush();
  if (errors > 0) throw new Error(`1d: the middleware reported ${errors} errors`);
  return { warmup, requests, growthMb, concurrent, perStreamKb, barePerStreamKb };
}

/**
 * Opens `count` streams that each stop after a few parts until released, measures the heap while
 * all are open, then releases and drains them. `wrap` turns the held model into the one to call.
 */
async function heldStreamsKb(
  count: number,
  wrap: (model: MockLanguageModelV4) => LanguageModel,
): Promise<number> {
  const parts = answerParts(20);
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let reached = 0;
  const held = quietMockModel(
    () =>
      new ReadableStream<LanguageModelV4StreamPart>({
        async start(controller) {
          reached++;
          for (const part of parts.slice(0, 5)) controller.enqueue(part);
          await gate;
          for (const part of parts.slice(5)) controller.enqueue(part);
          controller.close();
        },
      }),
  );
  const target = wrap(held);
  const before = await settledHeapMb();
  const results = Array.from({ length: count }, () =>
    streamText({ model: target, prompt: PROMPT, providerOptions: callContext() }),
  );
  // Let every stream reach its model call.
  for (let waited = 0; reached < count; waited += 10) {
    if (waited > 30_000) throw new Error(`1d: only ${reached} of ${count} streams started`);
    await sleep(10);
  }
  await sleep(50);
  const during = await settledHeapMb();
  release();
  await Promise.all(results.map((result) => result.consumeStream()));
  return ((during - before) * 1024) / count;
}
