import { type AdstractOutcomeEvent, adstractMiddleware } from '@adstract/ai-sdk';
import { startModelStandIn, startSandbox } from '@adstract/sandbox';
import { createOpenAI } from '@ai-sdk/openai';
import { type LanguageModel, streamText, wrapLanguageModel } from 'ai';
import { interleave, pairedDifferences, type Summary, summarize } from './stats.ts';
import { callContext, PROMPT } from './stream-throughput.ts';

export interface FirstTextResult {
  rounds: number;
  bareMs: Summary;
  wrappedMs: Summary;
  /** Round trip of each wrapped call's own start request, as the middleware reported it. */
  startRoundTripMs: Summary;
  /** Per round: wrapped time to first text, minus that call's start round trip, minus bare's. */
  addedBeyondStartMs: Summary;
}

/**
 * 1b: time to first text through the real @ai-sdk/openai provider against the local stand-ins
 * (sandbox at zero added latency), wrapped vs bare, paired by round. Each wrapped call's start
 * round trip is found by its session id (every call has its own) and subtracted from that call.
 */
export async function firstText(rounds: number, warmup = 20): Promise<FirstTextResult> {
  const sandbox = await startSandbox({ logger: false });
  const standIn = await startModelStandIn();
  try {
    const provider = createOpenAI({ baseURL: standIn.url, apiKey: 'bench' });
    const startMs = new Map<string, number>();
    const middleware = adstractMiddleware({
      apiKey: 'adpk_sandbox_bench_key',
      baseURL: sandbox.url,
      onOutcome: (event: AdstractOutcomeEvent) => {
        if (event.type === 'filled') startMs.set(event.sessionId, event.durationMs);
      },
      onError: (error) => console.error(error),
    });
    const bare = provider('gpt-5-mini');
    const wrapped = wrapLanguageModel({ model: provider('gpt-5-mini'), middleware });
    const starts: number[] = [];
    const time = (model: LanguageModel, isWrapped: boolean) => async () => {
      const providerOptions = callContext();
      const started = performance.now();
      const result = streamText({ model, prompt: PROMPT, providerOptions });
      let first = 0;
      for await (const _ of result.textStream) if (first === 0) first = performance.now();
      const elapsed = first - started;
      if (!isWrapped) return elapsed;
      const start = startMs.get(providerOptions.adstract.sessionId);
      if (start === undefined) throw new Error('a wrapped call got no ad: its start failed');
      startMs.delete(providerOptions.adstract.sessionId);
      starts.push(start);
      return elapsed - start;
    };
    const variants = { bare: time(bare, false), wrapped: time(wrapped, true) };
    await interleave(warmup, variants);
    starts.length = 0;
    const samples = await interleave(rounds, variants);
    await middleware.flush();
    const wrappedMs = samples.wrapped.map((value, index) => value + (starts[index] as number));
    return {
      rounds,
      bareMs: summarize(samples.bare),
      wrappedMs: summarize(wrappedMs),
      startRoundTripMs: summarize(starts),
      addedBeyondStartMs: summarize(pairedDifferences(samples.wrapped, samples.bare)),
    };
  } finally {
    await standIn.close();
    await sandbox.close();
  }
}
