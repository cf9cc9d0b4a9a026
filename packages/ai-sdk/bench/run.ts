// pnpm bench: every figure of the benchmark, each beside its target and PASS or MISS (INFO for
// figures that are reported without a target). A MISS does not fail the run: the exit code is
// non-zero only when the harness itself fails (a section throws, a variant did not do what it
// should). `--quick` runs fewer rounds (a smoke run, not for the record); `--rounds=N` sets 1a's;
// `--only=1f` runs only the sections whose name starts with that.
import os from 'node:os';
import { loadAiSdkMajor } from './ai-sdk-major.ts';
import { connections } from './connections.ts';
import { endOfStreamDelay } from './end-of-stream.ts';
import { firstText } from './first-text.ts';
import { flushExit } from './flush-exit.ts';
import { memory } from './memory.ts';
import { hangAllAtOnce, hangAtRate } from './outage.ts';
import type { Summary } from './stats.ts';
import { streamThroughput } from './stream-throughput.ts';
import { tracingCost } from './tracing-cost.ts';

const quick = process.argv.includes('--quick');
const roundsArgument = process.argv.find((argument) => argument.startsWith('--rounds='));
const throughputRounds = roundsArgument ? Number(roundsArgument.slice(9)) : quick ? 5 : 31;
const only = process.argv.find((argument) => argument.startsWith('--only='))?.slice(7);

type Status = 'PASS' | 'MISS' | 'INFO';
const counts: Record<Status | 'FAILED', number> = { PASS: 0, MISS: 0, INFO: 0, FAILED: 0 };
const fmt = (value: number, digits = 3) => value.toFixed(digits);
const ms = (summary: Summary, digits = 2) =>
  `${fmt(summary.median, digits)} ms (p99 ${fmt(summary.p99, digits)})`;
const row = (figure: string, value: string, target: string, ok?: boolean) => {
  const status: Status = ok === undefined ? 'INFO' : ok ? 'PASS' : 'MISS';
  counts[status]++;
  console.log(`${status}  ${figure}: ${value}  [target ${target}]`);
};
const section = async (name: string, body: () => Promise<void>) => {
  if (only !== undefined && !name.startsWith(only)) return;
  const started = performance.now();
  try {
    await body();
    console.log(`      (${name}: ${fmt((performance.now() - started) / 1000, 1)} s)`);
  } catch (error) {
    counts.FAILED++;
    console.error(`FAILED  ${name}: the harness failed`, error);
  }
};

const started = performance.now();
const cpus = os.cpus();
console.log(
  `machine: ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, ` +
    `node ${process.version}, ${os.type()} ${os.release()} ${os.arch()}${quick ? ' (quick run)' : ''}`,
);

for (const major of [5, 6, 7] as const) {
  await section(`1a stream throughput, ai@${major}`, async () => {
    const t = await streamThroughput(throughputRounds, await loadAiSdkMajor(major));
    const label = `1a ai@${major} streamText, ${t.deltas / 1000}k deltas, ${t.rounds} rounds`;
    console.log(
      `      ${label}, ms per stream: bare ${ms(t.ms.bare, 0)}, identity stage ${ms(t.ms.identity, 0)}, ` +
        `ad ${ms(t.ms.ad, 0)}, no ad ${ms(t.ms.noAd, 0)}`,
    );
    const ratio = (summary: Summary) => `${fmt(summary.median)} (p99 ${fmt(summary.p99)})`;
    row(
      `1a ai@${major} bare + one identity TransformStream / bare (one bare stream stage, the target’s reference)`,
      ratio(t.identityRatio),
      'reported',
    );
    row(
      `1a ai@${major} ad filled / bare`,
      ratio(t.adRatio),
      '≤ 1.10 median',
      t.adRatio.median <= 1.1,
    );
    row(
      `1a ai@${major} no ad / bare`,
      ratio(t.noAdRatio),
      '≤ 1.02 median',
      t.noAdRatio.median <= 1.02,
    );
    row(
      `1a ai@${major} ad filled / identity stage (the middleware’s pull-based stage against a piped one)`,
      ratio(t.adOverIdentity),
      'reported',
    );
  });
}

await section('1b time to first text', async () => {
  const f = await firstText(quick ? 30 : 200);
  console.log(
    `      1b @ai-sdk/openai → local stand-in, ${f.rounds} rounds: bare ${ms(f.bareMs)}, ` +
      `wrapped ${ms(f.wrappedMs)}`,
  );
  row('1b start round trip (reported separately)', ms(f.startRoundTripMs), 'reported');
  row(
    '1b time to first text added beyond start’s round trip',
    ms(f.addedBeyondStartMs, 3),
    '≤ 1 ms median',
    f.addedBeyondStartMs.median <= 1,
  );
});

await section('1c end-of-stream delay', async () => {
  const e = await endOfStreamDelay(quick ? 11 : 101);
  console.log(
    `      1c first text → end of stream, ${e.rounds} rounds: bare ${ms(e.bareMs, 3)}, ` +
      `wrapped ${ms(e.wrappedMs, 3)}`,
  );
  row(
    '1c end-of-stream delay with a 500 ms acknowledge',
    ms(e.addedMs, 3),
    '≤ 1 ms median',
    e.addedMs.median <= 1,
  );
});

await section('1d memory', async () => {
  const m = await memory(quick ? 200 : 1_000, quick ? 2_000 : 10_000, 1_000);
  row(
    `1d heap growth over ${m.requests} sequential requests after ${m.warmup} warm-up`,
    `${fmt(m.growthMb, 2)} MB`,
    '≤ 2 MB',
    m.growthMb <= 2,
  );
  row(
    `1d heap per in-flight stream at ${m.concurrent} concurrent streams`,
    `${fmt(m.perStreamKb, 1)} KB wrapped with an ad, ${fmt(m.barePerStreamKb, 1)} KB bare ` +
      `(middleware +${fmt(m.perStreamKb - m.barePerStreamKb, 1)} KB)`,
    'reported',
  );
});

await section('1e connections', async () => {
  const c = await connections(quick ? 100 : 1_000);
  row(
    `1e TCP connections to a fresh sandbox for ${c.requests} sequential requests`,
    `${c.connections} (for ${c.httpRequests} HTTP requests)`,
    'a handful (≤ 10)',
    c.connections <= 10,
  );
});

await section('1f tracing cost', async () => {
  const t = await tracingCost(quick ? 5 : 21);
  console.log(
    `      1f ai@7 streamText with an ad, ${t.deltas / 1000}k deltas, ${t.rounds} rounds, ms per stream: ` +
      `telemetry off ${ms(t.ms.off, 0)}, on ${ms(t.ms.on, 0)} (${t.spansPerCall} spans per call to an in-memory exporter, metrics on)`,
  );
  row(
    '1f tracing and metrics on / off, 100k-delta stream with an ad (paired per round)',
    `${fmt(t.ratio.median)} (p99 ${fmt(t.ratio.p99)})`,
    '≤ 1.02 median',
    t.ratio.median <= 1.02,
  );
  const short = await tracingCost(quick ? 5 : 21, 20, quick ? 50 : 200);
  console.log(
    `      1f ${short.deltas}-delta streams, ${short.callsPerSample} calls per sample, ${short.rounds} rounds, ms per call: ` +
      `off ${ms(short.ms.off, 3)}, on ${ms(short.ms.on, 3)}`,
  );
  row(
    '1f time telemetry adds per call (two spans, four metric records)',
    ms(short.addedMs, 3),
    'reported',
  );
});

await section('2 Adstract outage (default options, sandbox over HTTP)', async () => {
  for (const warm of [true, false]) {
    const a = await hangAllAtOnce(200, warm);
    row(
      `2a start hangs, 200 calls at once (${warm ? 'after healthy traffic' : 'cold: no latency known yet'}): calls that paid the full 3 s budget`,
      `${a.paidFullBudget} of ${a.calls} (longest wait ${fmt(a.maxMs, 0)} ms)`,
      '≤ 10',
      a.paidFullBudget <= 10,
    );
  }
  const b = await hangAtRate(200, 50);
  row(
    '2b start hangs, 50 req/s × 200: calls that paid the full 3 s budget',
    `${b.paidFullBudget} of ${b.calls} (detected after ${fmt(b.detectedAfterMs, 0)} ms)`,
    '≤ 10',
    b.paidFullBudget <= 10,
  );
  row(
    '2b added latency once the hang is detected (p99)',
    `${fmt(b.afterDetection.p99Ms, 1)} ms over ${b.afterDetection.calls} calls (max ${fmt(b.afterDetection.maxMs, 0)} ms)`,
    '≤ 50 ms',
    b.afterDetection.p99Ms <= 50,
  );
  row(
    '2c ads back after Adstract recovers',
    `${fmt(b.recoveryMs, 0)} ms`,
    '≤ 5 000 ms',
    b.recoveryMs <= 5_000,
  );
  row(
    '2c users who waited (> 50 ms) after detection, against probes let through',
    `${b.waitedAfterDetection} users, ${b.probes} probes`,
    '≤ 1 per probe',
    b.waitedAfterDetection <= b.probes,
  );
});

await section('3 exit after flush() with an unread stream', async () => {
  const f = await flushExit(quick ? 3 : 11);
  row(
    `3 process exit after flush() resolves, one unread ad stream (${f.rounds} runs)`,
    ms(f.exitMs, 1),
    '< 100 ms median',
    f.exitMs.median < 100,
  );
});

console.log(
  `\n${counts.PASS} PASS, ${counts.MISS} MISS, ${counts.INFO} reported; ` +
    `${counts.FAILED === 0 ? 'harness OK' : `${counts.FAILED} section(s) FAILED`}; ` +
    `wall ${fmt((performance.now() - started) / 1000, 1)} s`,
);
// A MISS is a result, not a failure: only a broken harness makes the run fail.
process.exitCode = counts.FAILED === 0 ? 0 : 1;
