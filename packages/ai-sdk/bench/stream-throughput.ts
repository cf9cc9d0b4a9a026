import { adstractMiddleware } from '@adstract/ai-sdk';
import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import type { LanguageModel } from 'ai';
import { convertArrayToReadableStream, type MockLanguageModelV4 } from 'ai/test';
import { type AiSdkMajor, loadAiSdkMajor } from './ai-sdk-major.ts';
import { benchFetch } from './fake-adstract.ts';
import { collectGarbage, interleave, pairedRatios, type Summary, summarize } from './stats.ts';

/** ai@7, the major the other sections measure. */
export const AI_V7 = await loadAiSdkMajor(7);

/** The parts of one answer of `deltas` text deltas, in the spec of `sdk`'s major. */
export function answerParts(deltas: number, sdk: AiSdkMajor = AI_V7): LanguageModelV4StreamPart[] {
  const parts: LanguageModelV4StreamPart[] = [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: '0' },
  ];
  for (let index = 0; index < deltas; index++)
    parts.push({ type: 'text-delta', id: '0', delta: 'word ' });
  parts.push({ type: 'text-end', id: '0' }, sdk.finishPart);
  return parts;
}

/**
 * A `MockLanguageModelV4` that keeps no record of its calls (the mock's `doStreamCalls` would
 * otherwise hold every call's params for the whole run), streaming `stream()` on every call.
 */
export function quietMockModel(
  stream: () => ReadableStream<LanguageModelV4StreamPart>,
  sdk: AiSdkMajor = AI_V7,
): MockLanguageModelV4 {
  const model: MockLanguageModelV4 = new sdk.MockModel({
    doStream: async () => {
      model.doStreamCalls.length = 0;
      return { stream: stream() };
    },
  });
  return model;
}

/** A mock model that streams the given parts on every call. */
export function mockModel(
  parts: LanguageModelV4StreamPart[],
  sdk: AiSdkMajor = AI_V7,
): MockLanguageModelV4 {
  return quietMockModel(() => convertArrayToReadableStream(parts), sdk);
}

/**
 * The reference of the 1.10 target: the bare model plus one pass-through `TransformStream` stage
 * with a JavaScript `transform` (a `pipeThrough`). The middleware's own stage is pull-based, and
 * cheaper than this one.
 */
export function identityStageModel(
  parts: LanguageModelV4StreamPart[],
  sdk: AiSdkMajor = AI_V7,
): MockLanguageModelV4 {
  return quietMockModel(
    () =>
      convertArrayToReadableStream(parts).pipeThrough(
        new TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart>({
          transform(part, controller) {
            controller.enqueue(part);
          },
        }),
      ),
    sdk,
  );
}

let session = 0;
/** Fresh per-call context, so every call is a new message. */
export function callContext() {
  session++;
  return {
    adstract: { sessionId: `bench-${session}`, userAgent: 'bench', userIp: '198.51.100.23' },
  };
}

export const PROMPT = 'How can I improve user retention?';

export interface ThroughputResult {
  major: AiSdkMajor['major'];
  rounds: number;
  deltas: number;
  /** Milliseconds per stream, each variant. */
  ms: Record<'bare' | 'identity' | 'ad' | 'noAd', Summary>;
  /** Per-round ratios (the variants of a round run back to back), median and p99. */
  identityRatio: Summary;
  adRatio: Summary;
  noAdRatio: Summary;
  /** With an ad against the identity stage: the middleware's stage against a piped one. */
  adOverIdentity: Summary;
}

/**
 * 1a: streamText over `deltas` text deltas: bare, bare plus one identity stage, with an ad filled,
 * with no ad. Interleaved; a full garbage collection before every stream keeps one stream's
 * garbage from being collected during the next.
 */
export async function streamThroughput(
  rounds: number,
  sdk: AiSdkMajor = AI_V7,
  deltas = 100_000,
): Promise<ThroughputResult> {
  const { streamText, wrapLanguageModel } = sdk;
  const parts = answerParts(deltas, sdk);
  const outcomes = { filled: 0, noFill: 0 };
  const filled = adstractMiddleware({
    apiKey: 'adpk_bench_0123456789',
    baseURL: 'http://bench.local',
    fetch: benchFetch({ fill: true }),
    onOutcome: (event) => {
      if (event.type === 'filled') outcomes.filled++;
    },
  });
  const empty = adstractMiddleware({
    apiKey: 'adpk_bench_0123456789',
    baseURL: 'http://bench.local',
    fetch: benchFetch({ fill: false }),
    onOutcome: (event) => {
      if (event.type === 'no-fill') outcomes.noFill++;
    },
  });
  const time = (model: LanguageModel) => async () => {
    const started = performance.now();
    const result = streamText({ model, prompt: PROMPT, providerOptions: callContext() });
    await result.consumeStream();
    return performance.now() - started;
  };
  const variants = {
    bare: time(mockModel(parts, sdk)),
    identity: time(identityStageModel(parts, sdk)),
    ad: time(wrapLanguageModel({ model: mockModel(parts, sdk), middleware: filled })),
    noAd: time(wrapLanguageModel({ model: mockModel(parts, sdk), middleware: empty })),
  };
  await interleave(1, variants, collectGarbage);
  const samples = await interleave(rounds, variants, collectGarbage);
  await Promise.all([filled.flush(), empty.flush()]);
  if (outcomes.filled !== rounds + 1 || outcomes.noFill !== rounds + 1) {
    throw new Error(`1a: ${outcomes.filled} ads filled, ${outcomes.noFill} no fills`);
  }
  return {
    major: sdk.major,
    rounds,
    deltas,
    ms: {
      bare: summarize(samples.bare),
      identity: summarize(samples.identity),
      ad: summarize(samples.ad),
      noAd: summarize(samples.noAd),
    },
    identityRatio: summarize(pairedRatios(samples.identity, samples.bare)),
    adRatio: summarize(pairedRatios(samples.ad, samples.bare)),
    noAdRatio: summarize(pairedRatios(samples.noAd, samples.bare)),
    adOverIdentity: summarize(pairedRatios(samples.ad, samples.identity)),
  };
}
