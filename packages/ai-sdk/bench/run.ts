// pnpm bench: every figure of the benchmark, each beside its target. Run from the repository root.
import os from 'node:os';
import { endOfStreamDelay } from './end-of-stream.ts';
import { firstText } from './first-text.ts';
import { memory } from './memory.ts';
import { streamThroughput } from './stream-throughput.ts';

const quick = process.argv.includes('--quick');
const rows: Array<[string, string, string, boolean]> = [];
const fmt = (value: number, digits = 3) => value.toFixed(digits);
const row = (figure: string, value: string, target: string, ok: boolean) => {
  rows.push([figure, value, target, ok]);
  console.log(`${ok ? 'PASS' : 'MISS'}  ${figure}: ${value}  (target ${target})`);
};

console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
);

const throughput = await streamThroughput(quick ? 3 : 11);
row(
  '1a stream, 100k deltas, ad filled / bare (median)',
  `${fmt(throughput.adRatio)} (${fmt(throughput.adMedianMs, 1)} vs ${fmt(throughput.bareMedianMs, 1)} ms; p99 ${fmt(throughput.adP99Ms, 1)} vs ${fmt(throughput.bareP99Ms, 1)} ms)`,
  '≤ 1.10',
  throughput.adRatio <= 1.1,
);
row(
  '1a stream, 100k deltas, no ad / bare (median)',
  `${fmt(throughput.noAdRatio)} (${fmt(throughput.noAdMedianMs, 1)} vs ${fmt(throughput.bareMedianMs, 1)} ms; p99 ${fmt(throughput.noAdP99Ms, 1)} ms)`,
  '≤ 1.02',
  throughput.noAdRatio <= 1.02,
);

const first = await firstText(quick ? 30 : 200, quick ? 100 : 1_000);
row(
  '1b time to first text, added beyond start (median)',
  `${fmt(first.addedBeyondStartMedianMs)} ms (bare ${fmt(first.bareMedianMs, 2)} ms, wrapped ${fmt(first.wrappedMedianMs, 2)} ms, start round trip ${fmt(first.startRoundTripMedianMs, 2)} ms; p99 added ${fmt(first.addedBeyondStartP99Ms, 2)} ms)`,
  '≤ 1 ms',
  first.addedBeyondStartMedianMs <= 1,
);

const end = await endOfStreamDelay(quick ? 5 : 30);
row(
  '1c end-of-stream delay with a 500 ms acknowledge (median)',
  `${fmt(end.addedMedianMs)} ms (bare ${fmt(end.bareMedianMs, 2)} ms, wrapped ${fmt(end.wrappedMedianMs, 2)} ms)`,
  '≤ 1 ms',
  end.addedMedianMs <= 1,
);

const heap = await memory(quick ? 200 : 1_000, quick ? 2_000 : 10_000, 1_000);
row(
  `1d heap growth over ${heap.requests} requests after ${heap.warmup} warm-up`,
  `${fmt(heap.growthMb, 2)} MB`,
  '≤ 2 MB',
  heap.growthMb <= 2,
);
row(
  `1d heap per in-flight stream at ${heap.concurrent} concurrent`,
  `${fmt(heap.perStreamKb, 1)} KB`,
  'reported',
  true,
);

row(
  `1e TCP connections to the sandbox for ${first.sequentialRequests} sequential requests`,
  `${first.connections}`,
  'a handful (≤ 10)',
  first.connections <= 10,
);

const missed = rows.filter((entry) => !entry[3]).length;
console.log(`\n${rows.length - missed} passed, ${missed} failed`);
