import { adstractMiddleware } from '@adstract/ai-sdk';
import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { streamText, wrapLanguageModel } from 'ai';
import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';
import { benchFetch } from './fake-adstract.ts';
import { interleave, median, percentile } from './stats.ts';

const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 1, text: 1, reasoning: undefined },
};

/** The parts of one answer of `deltas` text deltas. */
export function answerParts(deltas: number): LanguageModelV4StreamPart[] {
  const parts: LanguageModelV4StreamPart[] = [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: '0' },
  ];
  for (let index = 0; index < deltas; index++)
    parts.push({ type: 'text-delta', id: '0', delta: 'word ' });
  parts.push(
    { type: 'text-end', id: '0' },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
  );
  return parts;
}

/** A mock model that streams the given parts on every call. */
export function mockModel(parts: LanguageModelV4StreamPart[]): MockLanguageModelV4 {
  return new MockLanguageModelV4({
    doStream: async () => ({ stream: convertArrayToReadableStream(parts) }),
  });
}

let session = 0;
/** Fresh per-call context, so every call is a new message. */
export function callContext() {
  session++;
  return { adstract: { sessionId: `bench-${session}`, userAgent: 'bench', userIp: '127.0.0.1' } };
}

/** 1a: streamText over 100,000 deltas, bare vs with an ad vs with no ad. */
export async function streamThroughput(rounds: number, deltas = 100_000) {
  const parts = answerParts(deltas);
  const bare = mockModel(parts);
  const filled = adstractMiddleware({
    apiKey: 'adpk_bench_0123456789',
    baseURL: 'http://bench.local',
    fetch: benchFetch({ fill: true }),
  });
  const empty = adstractMiddleware({
    apiKey: 'adpk_bench_0123456789',
    baseURL: 'http://bench.local',
    fetch: benchFetch({ fill: false }),
  });
  const withAd = wrapLanguageModel({ model: mockModel(parts), middleware: filled });
  const withoutAd = wrapLanguageModel({ model: mockModel(parts), middleware: empty });
  const time = (model: typeof bare | typeof withAd) => async () => {
    const started = performance.now();
    const result = streamText({
      model,
      prompt: 'How can I improve user retention?',
      providerOptions: callContext(),
    });
    await result.consumeStream();
    return performance.now() - started;
  };
  await interleave(2, { bare: time(bare), ad: time(withAd), noAd: time(withoutAd) });
  const samples = await interleave(rounds, {
    bare: time(bare),
    ad: time(withAd),
    noAd: time(withoutAd),
  });
  await filled.flush();
  return {
    bareMedianMs: median(samples.bare),
    adMedianMs: median(samples.ad),
    noAdMedianMs: median(samples.noAd),
    bareP99Ms: percentile(samples.bare, 99),
    adP99Ms: percentile(samples.ad, 99),
    noAdP99Ms: percentile(samples.noAd, 99),
    adRatio: median(samples.ad) / median(samples.bare),
    noAdRatio: median(samples.noAd) / median(samples.bare),
  };
}
