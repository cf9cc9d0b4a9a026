import { type AdstractOutcomeEvent, adstractMiddleware } from '@adstract/ai-sdk';
import { startModelStandIn, startSandbox } from '@adstract/sandbox';
import { createOpenAI } from '@ai-sdk/openai';
import { streamText, wrapLanguageModel } from 'ai';
import { interleave, median, percentile } from './stats.ts';
import { callContext } from './stream-throughput.ts';

/**
 * 1b: time to first text through the real @ai-sdk/openai provider against the local stand-ins,
 * wrapped vs bare. The start call's own round trip is measured separately and subtracted.
 * 1e: TCP connections the sandbox accepted for the wrapped requests (keep-alive).
 */
export async function firstText(rounds: number, sequential: number) {
  const sandbox = await startSandbox({ logger: false });
  const standIn = await startModelStandIn();
  try {
    const provider = createOpenAI({ baseURL: standIn.url, apiKey: 'bench' });
    const startDurations: number[] = [];
    const middleware = adstractMiddleware({
      apiKey: 'adpk_sandbox_bench_key',
      baseURL: sandbox.url,
      onOutcome: (event: AdstractOutcomeEvent) => {
        if (event.type === 'filled') startDurations.push(event.durationMs);
      },
      onError: (error) => console.error(error),
    });
    const bare = provider('gpt-5-mini');
    const wrapped = wrapLanguageModel({ model: provider('gpt-5-mini'), middleware });
    const prompt = 'How can I improve user retention?';
    const time = (model: typeof wrapped) => async () => {
      const started = performance.now();
      const result = streamText({ model, prompt, providerOptions: callContext() });
      let first = 0;
      for await (const _ of result.textStream) if (first === 0) first = performance.now();
      return first - started;
    };
    await interleave(20, { bare: time(bare), wrapped: time(wrapped) });
    startDurations.length = 0;
    const samples = await interleave(rounds, { bare: time(bare), wrapped: time(wrapped) });
    await middleware.flush();
    const added = samples.wrapped.map((value, index) => value - (startDurations[index] ?? 0));

    // 1e: sequential wrapped requests; count the TCP connections the sandbox accepted.
    const before = sandbox.connections;
    for (let index = 0; index < sequential; index++) await time(wrapped)();
    await middleware.flush();
    const connections = sandbox.connections - before;

    return {
      bareMedianMs: median(samples.bare),
      wrappedMedianMs: median(samples.wrapped),
      startRoundTripMedianMs: median(startDurations),
      addedBeyondStartMedianMs: median(added) - median(samples.bare),
      addedBeyondStartP99Ms: percentile(added, 99) - percentile(samples.bare, 99),
      sequentialRequests: sequential,
      connections,
    };
  } finally {
    await standIn.close();
    await sandbox.close();
  }
}
