import { adstractMiddleware } from '@adstract/ai-sdk';
import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { streamText, wrapLanguageModel } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { benchFetch } from './fake-adstract.ts';
import { collectGarbage } from './stats.ts';
import { answerParts, callContext, mockModel } from './stream-throughput.ts';

const heapMb = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

/** 1d: heap growth over sequential requests after a warm-up, and heap per in-flight stream. */
export async function memory(warmup: number, requests: number, concurrent: number) {
  const middleware = adstractMiddleware({
    apiKey: 'adpk_bench_0123456789',
    baseURL: 'http://bench.local',
    fetch: benchFetch({ fill: true }),
  });
  const model = wrapLanguageModel({ model: mockModel(answerParts(20)), middleware });
  const run = async () => {
    const result = streamText({
      model,
      prompt: 'How can I improve user retention?',
      providerOptions: callContext(),
    });
    await result.consumeStream();
  };
  for (let index = 0; index < warmup; index++) await run();
  await middleware.flush();
  const baseline = heapMb();
  for (let index = 0; index < requests; index++) await run();
  await middleware.flush();
  const growthMb = heapMb() - baseline;

  // In-flight streams: each holds until released, so all are open at once.
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const parts = answerParts(20);
  const held = new MockLanguageModelV4({
    doStream: async () => ({
      stream: new ReadableStream<LanguageModelV4StreamPart>({
        async start(controller) {
          for (const part of parts.slice(0, 5)) controller.enqueue(part);
          await gate;
          for (const part of parts.slice(5)) controller.enqueue(part);
          controller.close();
        },
      }),
    }),
  });
  const heldModel = wrapLanguageModel({ model: held, middleware });
  const before = heapMb();
  const results = Array.from({ length: concurrent }, () =>
    streamText({
      model: heldModel,
      prompt: 'How can I improve user retention?',
      providerOptions: callContext(),
    }),
  );
  // Let every stream reach its model call.
  while (held.doStreamCalls.length < concurrent)
    await new Promise((resolve) => setTimeout(resolve, 10));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const during = heapMb();
  release();
  await Promise.all(results.map((result) => result.consumeStream()));
  await middleware.flush();
  return {
    warmup,
    requests,
    growthMb,
    concurrent,
    perStreamKb: ((during - before) * 1024) / concurrent,
  };
}
