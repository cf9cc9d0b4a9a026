import { adstractMiddleware } from '@adstract/ai-sdk';
import { streamText, wrapLanguageModel } from 'ai';
import { benchFetch } from './fake-adstract.ts';
import { interleave, median, percentile } from './stats.ts';
import { answerParts, callContext, mockModel } from './stream-throughput.ts';

/** 1c: how much a 500 ms acknowledge delays the end of the answer's stream. */
export async function endOfStreamDelay(rounds: number) {
  const parts = answerParts(200);
  const bare = mockModel(parts);
  const middleware = adstractMiddleware({
    apiKey: 'adpk_bench_0123456789',
    baseURL: 'http://bench.local',
    fetch: benchFetch({ fill: true, acknowledgeDelayMs: 500 }),
  });
  const wrapped = wrapLanguageModel({ model: mockModel(parts), middleware });
  let startMs = 0;
  const time = (model: typeof wrapped, subtractStart: boolean) => async () => {
    const started = performance.now();
    const result = streamText({
      model,
      prompt: 'How can I improve user retention?',
      providerOptions: callContext(),
    });
    let firstText = 0;
    for await (const _ of result.textStream) if (firstText === 0) firstText = performance.now();
    const ended = performance.now();
    // Time from the first text to the closed stream: excludes the start call, isolates the end.
    if (subtractStart) startMs = firstText - started;
    return ended - firstText;
  };
  const samples = await interleave(rounds, {
    bare: time(bare, false),
    wrapped: time(wrapped, true),
  });
  await middleware.flush();
  return {
    bareMedianMs: median(samples.bare),
    wrappedMedianMs: median(samples.wrapped),
    addedMedianMs: median(samples.wrapped) - median(samples.bare),
    addedP99Ms: percentile(samples.wrapped, 99) - percentile(samples.bare, 99),
    lastStartMs: startMs,
  };
}
