// Where 1a's overhead with an ad comes from: the cost of one stream stage, in isolation and inside
// streamText. Not part of `pnpm bench`; run `node --expose-gc bench/stage-cost.ts [rounds]`
// (add `--stream-text` for the streamText part, which takes a few minutes).
//
// Isolated: 100,000 parts from a pre-filled ReadableStream, drained by a reader, through
//   none · one identity TransformStream · the middleware's own collectText stage ·
//   a pull-based pass-through (a ReadableStream that reads the source in `pull`, no pipe).
// In streamText: bare · bare + identity TransformStream · bare + pull-based pass-through.
import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { streamText } from 'ai';
import { convertArrayToReadableStream } from 'ai/test';
import { collectText } from '../src/core/text-stage.ts';
import { specV4 } from '../src/spec/v4.ts';
import { collectGarbage, interleave, pairedRatios, summarize } from './stats.ts';
import { answerParts, callContext, PROMPT, quietMockModel } from './stream-throughput.ts';

type Part = LanguageModelV4StreamPart;
type Stage = (source: ReadableStream<Part>) => ReadableStream<Part>;

const identity: Stage = (source) =>
  source.pipeThrough(
    new TransformStream<Part, Part>({
      transform(part, controller) {
        controller.enqueue(part);
      },
    }),
  );

const collect: Stage = (source) => {
  const call = { text: '' };
  return collectText(source, {
    spec: specV4,
    onText: (delta) => {
      call.text += delta;
    },
    onEnd: () => {},
    metadata: { adstract: { status: 'filled' } },
    stallTimeoutMs: 3_000,
  }).stream;
};

/** A pass-through stage without a pipe: the consumer's reads pull straight from the source. */
const pull: Stage = (source) => {
  const reader = source.getReader();
  return new ReadableStream<Part>({
    pull(controller) {
      return reader.read().then((result) => {
        if (result.done) controller.close();
        else controller.enqueue(result.value);
      });
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
};

const rounds = Number(process.argv.find((argument) => /^\d+$/.test(argument)) ?? 31);
const parts = answerParts(100_000);

async function drain(stream: ReadableStream<Part>) {
  const reader = stream.getReader();
  let count = 0;
  while (!(await reader.read()).done) count++;
  if (count !== parts.length) throw new Error(`drained ${count} of ${parts.length} parts`);
}
const isolated = (stage: Stage) => async () => {
  const started = performance.now();
  await drain(stage(convertArrayToReadableStream(parts)));
  return performance.now() - started;
};
const none: Stage = (source) => source;
const samples = await interleave(
  rounds,
  {
    none: isolated(none),
    identity: isolated(identity),
    collectText: isolated(collect),
    pull: isolated(pull),
  },
  collectGarbage,
);
const base = summarize(samples.none).median;
console.log(`isolated, 100k parts, ${rounds} rounds (ms: median, p99, median added to none):`);
for (const [name, values] of Object.entries(samples)) {
  const { median, p99 } = summarize(values);
  console.log(
    `  ${name.padEnd(12)} ${median.toFixed(1).padStart(7)} ${p99.toFixed(1).padStart(7)} ${(median - base).toFixed(1).padStart(7)}`,
  );
}

if (process.argv.includes('--stream-text')) {
  const time = (stage: Stage) => {
    const model = quietMockModel(() => stage(convertArrayToReadableStream(parts)));
    return async () => {
      const started = performance.now();
      await streamText({ model, prompt: PROMPT, providerOptions: callContext() }).consumeStream();
      return performance.now() - started;
    };
  };
  const variants = { bare: time(none), identity: time(identity), pull: time(pull) };
  await interleave(1, variants, collectGarbage);
  const inContext = await interleave(rounds, variants, collectGarbage);
  console.log(`streamText, 100k deltas, ${rounds} rounds (per-round ratio to bare: median, p99):`);
  for (const name of ['identity', 'pull'] as const) {
    const { median, p99 } = summarize(pairedRatios(inContext[name], inContext.bare));
    console.log(`  ${name.padEnd(12)} ${median.toFixed(3)} ${p99.toFixed(3)}`);
  }
  console.log(`  bare median ${summarize(inContext.bare).median.toFixed(0)} ms`);
}
