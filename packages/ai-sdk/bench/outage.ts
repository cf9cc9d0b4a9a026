// 2: what an Adstract outage costs, with default options, against the sandbox over HTTP on
// 127.0.0.1: how many calls pay the whole 3 s start budget when Adstract hangs (200 at once, and
// 50 req/s), the added latency once the hang is detected, and how soon ads return after Adstract
// recovers (and how many users pay a wait for it).
import { adstractMiddleware } from '@adstract/ai-sdk';
import { type Sandbox, startSandbox } from '@adstract/sandbox';
import type { LanguageModel } from 'ai';
import { percentile } from './stats.ts';
import { AI_V7, answerParts, mockModel, PROMPT } from './stream-throughput.ts';

/** Default start budget: a call that waited this long (less a margin) paid all of it. */
const BUDGET_MS = 3_000;
const PAID_FULL_BUDGET_MS = BUDGET_MS - 100;

interface Timed {
  startedAt: number;
  ms: number;
}

export interface OutageResult {
  /** Calls that waited the whole budget, of `calls`. */
  paidFullBudget: number;
  calls: number;
  /** Longest any call waited. */
  maxMs: number;
}

export interface StreamOutageResult extends OutageResult {
  /** When the circuit opened, from the first call of the hang. */
  detectedAfterMs: number;
  /** Added latency of the calls started after detection: p99 and max. */
  afterDetection: { calls: number; p99Ms: number; maxMs: number };
  /** From Adstract recovering to the first ad served again. */
  recoveryMs: number;
  /** Calls after detection that waited more than 50 ms (probes), and the probes let through. */
  waitedAfterDetection: number;
  probes: number;
}

let session = 0;
const context = () => {
  session++;
  return {
    adstract: { sessionId: `outage-${session}`, userAgent: 'bench', userIp: '198.51.100.23' },
  };
};
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A middleware with default options over `sandbox`, recording its circuit and fill events. */
function wrapped(sandbox: Sandbox) {
  const events: Array<{ type: string; state?: string; at: number }> = [];
  const middleware = adstractMiddleware({
    apiKey: 'adpk_sandbox_outage_bench',
    baseURL: sandbox.url,
    onError: () => {},
    onOutcome: (event) =>
      events.push({
        type: event.type,
        state: event.type === 'circuit' ? event.state : undefined,
        at: performance.now(),
      }),
  });
  const model = AI_V7.wrapLanguageModel({ model: mockModel(answerParts(20)), middleware });
  return { middleware, model, events };
}

/** One answer through `model`; its wall time is the start wait (the mock model streams at once). */
async function answer(model: LanguageModel): Promise<Timed> {
  const startedAt = performance.now();
  await AI_V7.streamText({ model, prompt: PROMPT, providerOptions: context() }).consumeStream();
  return { startedAt, ms: performance.now() - startedAt };
}

/** Healthy traffic first, so the breaker knows Adstract's usual latency (as in production). */
async function warmUp(model: LanguageModel, calls = 50) {
  for (let index = 0; index < calls; index++) await answer(model);
}

const summary = (timed: Timed[]): OutageResult => ({
  calls: timed.length,
  paidFullBudget: timed.filter((call) => call.ms >= PAID_FULL_BUDGET_MS).length,
  maxMs: Math.max(...timed.map((call) => call.ms)),
});

/** 2a: `calls` arrive at once while start hangs. `warm`: after healthy traffic. */
export async function hangAllAtOnce(calls: number, warm: boolean): Promise<OutageResult> {
  const sandbox = await startSandbox({ logger: false });
  try {
    const { model } = wrapped(sandbox);
    if (warm) await warmUp(model);
    sandbox.setFaults('hang');
    return summary(await Promise.all(Array.from({ length: calls }, () => answer(model))));
  } finally {
    await sandbox.close();
  }
}

/**
 * 2b and 2c: `rate` calls per second while start hangs for `calls` calls, then Adstract recovers
 * and traffic goes on at the same rate until the first ad is served again (at most 15 s).
 */
export async function hangAtRate(calls: number, rate: number): Promise<StreamOutageResult> {
  const sandbox = await startSandbox({ logger: false });
  try {
    const { model, events } = wrapped(sandbox);
    await warmUp(model);
    const interval = 1_000 / rate;
    sandbox.setFaults('hang');
    const hangStarted = performance.now();
    const pending: Array<Promise<Timed>> = [];
    for (let index = 0; index < calls; index++) {
      pending.push(answer(model));
      await sleep(interval);
    }
    const opened = events.find((event) => event.type === 'circuit' && event.state === 'open');
    if (opened === undefined) throw new Error('2b: the circuit never opened during the hang');
    sandbox.setFaults(undefined);
    const recovered = performance.now();
    let firstAd: number | undefined;
    while (firstAd === undefined && performance.now() - recovered < 15_000) {
      pending.push(answer(model));
      await sleep(interval);
      firstAd = events.find((event) => event.type === 'filled' && event.at >= recovered)?.at;
    }
    if (firstAd === undefined) throw new Error('2c: no ad within 15 s of recovery');
    const timed = await Promise.all(pending);
    const during = timed.slice(0, calls);
    const after = timed.filter((call) => call.startedAt >= opened.at);
    const afterMs = after.map((call) => call.ms);
    return {
      ...summary(during),
      detectedAfterMs: opened.at - hangStarted,
      afterDetection: {
        calls: after.length,
        p99Ms: percentile(afterMs, 99),
        maxMs: Math.max(...afterMs),
      },
      recoveryMs: firstAd - recovered,
      waitedAfterDetection: after.filter((call) => call.ms > 50).length,
      probes: events.filter((event) => event.type === 'circuit' && event.state === 'half-open')
        .length,
    };
  } finally {
    await sandbox.close();
  }
}
