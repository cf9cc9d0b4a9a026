import { adstractMiddleware } from '@adstract/ai-sdk';
import { type LanguageModel, streamText, wrapLanguageModel } from 'ai';
import { benchFetch } from './fake-adstract.ts';
import { interleave, pairedDifferences, type Summary, summarize } from './stats.ts';
import { answerParts, callContext, mockModel, PROMPT } from './stream-throughput.ts';

export interface EndOfStreamResult {
  rounds: number;
  bareMs: Summary;
  wrappedMs: Summary;
  /** Per round: wrapped minus bare, from the first text to the closed stream. */
  addedMs: Summary;
}

/**
 * 1c: how much a 500 ms acknowledge delays the end of the answer's stream. Each stream is timed
 * from its first text to its end, which leaves the start call out and isolates the end.
 */
export async function endOfStreamDelay(rounds: number): Promise<EndOfStreamResult> {
  const parts = answerParts(200);
  let acknowledged = 0;
  const middleware = adstractMiddleware({
    apiKey: 'adpk_bench_0123456789',
    baseURL: 'http://bench.local',
    fetch: benchFetch({ fill: true, acknowledgeDelayMs: 500 }),
    onOutcome: (event) => {
      if (event.type === 'acknowledged') acknowledged++;
    },
  });
  const time = (model: LanguageModel) => async () => {
    const result = streamText({ model, prompt: PROMPT, providerOptions: callContext() });
    let firstText = 0;
    for await (const _ of result.textStream) if (firstText === 0) firstText = performance.now();
    return performance.now() - firstText;
  };
  const variants = {
    bare: time(mockModel(parts)),
    wrapped: time(wrapLanguageModel({ model: mockModel(parts), middleware })),
  };
  await interleave(5, variants);
  const samples = await interleave(rounds, variants);
  await middleware.flush();
  if (acknowledged !== rounds + 5) throw new Error(`1c: ${acknowledged} acknowledgements`);
  return {
    rounds,
    bareMs: summarize(samples.bare),
    wrappedMs: summarize(samples.wrapped),
    addedMs: summarize(pairedDifferences(samples.wrapped, samples.bare)),
  };
}
