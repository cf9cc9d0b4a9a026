// pnpm bench: the cost of a streamed answer, delta by delta, at 1.25k to 10k tokens, for the
// incremental parser, for re-splitting the whole text per delta (for contrast), and for
// SponsoredText rendered into a DOM. Linear growth shows as a ratio near 2 per doubling.
import os from 'node:os';
import { answerDeltas } from './answer.ts';
import { bareCost, componentCost, parserCost, resplitCost } from './measure.ts';

const SIZES = [1250, 2500, 5000, 10000];
const ROUNDS = process.argv.includes('--quick') ? 3 : 11;

const median = (values: number[]) => {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)]!;
};

const cpus = os.cpus();
console.log(
  `machine: ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, node ${process.version}, ` +
    `${os.type()} ${os.release()}; median of ${ROUNDS} rounds after warming up`,
);

const variants = [
  ['incremental parser (push + segments per delta)', parserCost],
  ['splitAdSegments on the whole text per delta', resplitCost],
  ['bare `<span>{text}</span>`, one react-dom render per delta (the floor)', bareCost],
  ['SponsoredText, one react-dom render per delta', componentCost],
] as const;

const answers = SIZES.map((tokens) => ({ tokens, deltas: answerDeltas(tokens) }));
// Warm every variant up on the largest answer first, so no size pays for the JIT's first runs.
for (const [, measure] of variants)
  for (let round = 0; round < 3; round++) measure(answers.at(-1)!.deltas);
console.log(
  `answer characters: ${answers.map((answer) => answer.deltas.join('').length).join(' / ')}`,
);
console.log(`\n| variant | ${SIZES.map((tokens) => `${tokens / 1000}k tokens`).join(' | ')} |`);
console.log(`| --- | ${SIZES.map(() => '---:').join(' | ')} |`);
for (const [name, measure] of variants) {
  const costs = answers.map(({ deltas }) => {
    return median(Array.from({ length: ROUNDS }, () => measure(deltas)));
  });
  const cells = costs.map((cost, index) => {
    const ratio = index === 0 ? '' : ` (×${(cost / costs[index - 1]!).toFixed(2)})`;
    return `${cost.toFixed(cost < 10 ? 2 : 0)} ms${ratio}`;
  });
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}
