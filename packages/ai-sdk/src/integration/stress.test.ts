import v8 from 'node:v8';
import { type Sandbox, startSandbox } from '@adstract/sandbox';
import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { type LanguageModel, streamText, wrapLanguageModel } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adstractMiddleware } from '../adstract-middleware.js';
import type { CircuitBreakerOptions } from '../options/middleware-options.js';
import type { AdstractOutcomeEvent } from '../options/outcome-event.js';
import { finishReason, MockLanguageModel, type MockModel, usage } from '../testing/mock-model.js';

const STREAMS = 1_000;
const SEED = 20_261_122;
/** Start budget: past it a call goes on without the ad, while its start may still answer. */
const START_TIMEOUT_MS = 5_000;
/** A hung start is dropped this long after it was sent (its call went on at the budget). */
const START_CAP_MS = 6_000;
/** Acknowledge time limit: bounds how long `flush()` waits for a hung acknowledge. */
const ACK_TIMEOUT_MS = 2_000;
/**
 * Heap after both scenarios may exceed the baseline (taken after a warm-up) by at most this much.
 * Measured on the 2-core machine with bytecode flushing off: 1.34 to 1.46 MB in five runs, quiet
 * and with both cores busy elsewhere; keeping just the 1,000 finished `streamText` results of the
 * first scenario alive measured +27 MB, so a leak of per-stream state cannot hide under the bound.
 */
const HEAP_BOUND_MB = 4;

/** Deterministic choices from the seed (mulberry32). */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Per stream id: after how many deltas its client aborts (~10% of streams), if at all. */
const abortPlan = (() => {
  const pick = random(SEED);
  return Array.from({ length: 20_000 }, () =>
    pick() < 0.1 ? 1 + Math.floor(pick() * 8) : undefined,
  );
})();

/** The answer the model gives stream #n, with or without an ad: the same words either way. */
const answerOf = (id: number) => Array.from({ length: 12 }, (_, index) => `s${id}w${index} `);

/** A model whose answer depends only on the `#n` in the latest user message. Keeps no calls. */
function model() {
  const mock: MockModel = new MockLanguageModel({
    doStream: async (options) => {
      mock.doStreamCalls.length = 0;
      const user = options.prompt.findLast((message) => message.role === 'user');
      const text =
        user?.content.map((part) => (part.type === 'text' ? part.text : '')).join('') ?? '';
      const id = Number(/#(\d+)/.exec(text)?.[1] ?? -1);
      const deltas = answerOf(id);
      let index = 0;
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        async pull(controller) {
          await new Promise((resolve) => setTimeout(resolve, 2));
          if (index === 0) controller.enqueue({ type: 'text-start', id: 't' });
          const delta = deltas[index++];
          if (delta !== undefined) {
            controller.enqueue({ type: 'text-delta', id: 't', delta });
            return;
          }
          controller.enqueue({ type: 'text-end', id: 't' });
          controller.enqueue({ type: 'finish', finishReason: finishReason('stop'), usage });
          controller.close();
        },
      });
      return { stream };
    },
  });
  return mock;
}

function middlewareFor(
  events: AdstractOutcomeEvent[],
  circuitBreaker: CircuitBreakerOptions | undefined,
) {
  return adstractMiddleware({
    apiKey: 'adpk_sandbox_stress_key',
    baseURL: sandbox.url,
    timeoutMs: START_TIMEOUT_MS,
    startCapMs: START_CAP_MS,
    acknowledgeTimeoutMs: ACK_TIMEOUT_MS,
    onError: () => {},
    onOutcome: (event) => events.push(event),
    circuitBreaker,
  });
}

interface StreamRun {
  id: number;
  text: string;
  error: unknown;
  aborted: boolean;
}

/** One stream: reads the text, aborting after `abortPlan[id]` deltas when planned. */
async function runStream(target: LanguageModel, id: number): Promise<StreamRun> {
  const abortAfter = abortPlan[id];
  const controller = new AbortController();
  const result = streamText({
    model: target,
    prompt: `Stress question #${id}: how can I improve user retention?`,
    abortSignal: controller.signal,
    maxRetries: 0,
    providerOptions: {
      adstract: { sessionId: `stress-${id}`, userAgent: 'stress', userIp: '198.51.100.23' },
    },
  });
  let text = '';
  let error: unknown;
  let deltas = 0;
  try {
    for await (const delta of result.textStream) {
      text += delta;
      deltas++;
      if (abortAfter !== undefined && deltas >= abortAfter) controller.abort();
    }
  } catch (caught) {
    error = caught;
  }
  return { id, text, error, aborted: abortAfter !== undefined };
}

/** Every stream ends exactly as it does without the middleware. */
function expectSameAsBare(runs: StreamRun[], bareRuns: StreamRun[]) {
  expect(runs.map((run) => run.id)).toEqual(bareRuns.map((run) => run.id));
  for (const [index, run] of runs.entries()) {
    const bare = bareRuns[index]!;
    const full = answerOf(run.id).join('');
    expect(run.aborted).toBe(bare.aborted);
    if (run.aborted) {
      expect(full.startsWith(run.text)).toBe(true);
      expect((run.error as Error | undefined)?.name ?? 'AbortError').toBe(
        (bare.error as Error | undefined)?.name ?? 'AbortError',
      );
    } else {
      expect(run.error).toBeUndefined();
      expect(run.text).toBe(full);
      expect(run.text).toBe(bare.text);
    }
  }
}

/**
 * Acknowledgements: exactly one per start answered 200 (aborted streams included), the whole text
 * where the stream finished, each carrying its own stream's text. Returns the ads filled (ad
 * response id → stream id).
 */
function expectAcknowledgements(runs: StreamRun[], events: AdstractOutcomeEvent[]) {
  const byId = new Map(runs.map((run) => [run.id, run]));
  const filled = new Map<string, number>();
  for (const request of sandbox.requests) {
    if (!request.path.includes('/start') || request.status !== 200) continue;
    const id = Number(/#(\d+)/.exec(String((request.body as { prompt: string }).prompt))?.[1]);
    const adResponseId = (request.responseBody as { ad_response_id: string }).ad_response_id;
    filled.set(adResponseId, id);
  }
  const acks = new Map<string, string[]>();
  for (const request of sandbox.requests) {
    if (!request.path.includes('/acknowledge')) continue;
    const body = request.body as { ad_response_id: string; llm_response: string };
    acks.set(body.ad_response_id, [...(acks.get(body.ad_response_id) ?? []), body.llm_response]);
  }
  for (const [adResponseId, texts] of acks) {
    expect(texts).toHaveLength(1);
    const id = filled.get(adResponseId);
    expect(id, 'acknowledge of an unknown ad').toBeDefined();
    expect(answerOf(id!).join('').startsWith(texts[0]!)).toBe(true);
  }
  for (const [adResponseId, id] of filled) {
    const run = byId.get(id)!;
    if (!run.aborted)
      expect(acks.get(adResponseId), `ack of finished stream #${id}`).toEqual([run.text]);
    else expect(acks.get(adResponseId), `ack of aborted stream #${id}`).toHaveLength(1);
  }
  expect(
    events.filter((event) => event.type === 'acknowledged' || event.type === 'acknowledge-failed'),
  ).toHaveLength(filled.size);
  return filled;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

/** Heap in use after full collections (yielding between them so finalizers run), in MB. */
async function settledHeapMb(gc: () => void): Promise<number> {
  for (let pass = 0; pass < 4; pass++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed / 2 ** 20;
}

let sandbox: Sandbox;
const gc = (globalThis as { gc?: () => void }).gc;
let heapBaselineMb = Number.NaN;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  // V8 drops the bytecode of functions unused for a few collections, which shrinks the heap on
  // its own and would hide growth: keep it, so the heap check compares like with like.
  v8.setFlagsFromString('--no-flush-bytecode');
  sandbox = await startSandbox({
    logger: false,
    random: {
      seed: SEED,
      rates: {
        latency: 0.3,
        maxLatencyMs: 400,
        serverError: 0.05,
        rateLimit: 0.05,
        malformed: 0.03,
        hang: 0.02,
        ackFailure: 0.1,
      },
    },
  });
  // Warm-up (both paths, faults included) so that the baseline already holds compiled code.
  if (gc === undefined) return;
  const middleware = middlewareFor([], {});
  const wrapped = wrapLanguageModel({ model: model(), middleware });
  await Promise.all(ids(15_000, 100).map((id) => runStream(wrapped, id)));
  await Promise.all(ids(15_000, 100).map((id) => runStream(model(), id)));
  await middleware.flush();
  sandbox.reset();
  heapBaselineMb = await settledHeapMb(gc);
}, 60_000);

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await sandbox?.close();
});

describe('stress: concurrent streams against a faulty sandbox', () => {
  it('1,000 concurrent streams, default circuit breaker: every answer intact, every acknowledge single and its own', {
    timeout: 60_000,
  }, async () => {
    // All 1,000 start calls go out together, before any answer: the breaker (on, with its
    // defaults) cannot skip any of them, so the assertions are as strong as with it off.
    const streamIds = ids(0, STREAMS);
    const bareModel = model();
    const bareRuns = await Promise.all(streamIds.map((id) => runStream(bareModel, id)));
    sandbox.reset();
    const events: AdstractOutcomeEvent[] = [];
    const middleware = middlewareFor(events, {});
    const wrapped = wrapLanguageModel({ model: model(), middleware });
    const runs = await Promise.all(streamIds.map((id) => runStream(wrapped, id)));
    await middleware.flush();

    expectSameAsBare(runs, bareRuns);
    const filled = expectAcknowledgements(runs, events);
    // The rates leave ~88% of starts answering 200 (873 on a quiet machine); with both cores also
    // busy with other work some starts outlive their budget (521 and 636 measured): a quarter is
    // a floor with margin that still proves most of the acknowledge path ran.
    expect(filled.size).toBeGreaterThan(STREAMS / 4);
    expect(events.filter((event) => event.type === 'skipped')).toEqual([]);
    expect(unhandled).toEqual([]);
    sandbox.reset();
  });

  it('300 streams in waves with a short cool-down: the breaker opens and probes, answers stay intact', {
    timeout: 60_000,
  }, async () => {
    // Waves 50 ms apart, so acknowledgements (10% answer 500) come back while later waves start:
    // the circuit opens, skips starts during its 400 ms cool-down, then lets a probe through.
    const WAVES = 15;
    const PER_WAVE = 20;
    const launch = async (target: LanguageModel, waitForOpenCircuit: () => Promise<void>) => {
      const pending: Array<Promise<StreamRun>> = [];
      for (let wave = 0; wave < WAVES; wave++) {
        // The last wave starts while the circuit is open (or half-open with its probe to give):
        // at least PER_WAVE - 1 of its starts are skipped, however the machine's timing goes.
        if (wave === WAVES - 1) await waitForOpenCircuit();
        else if (wave > 0) await sleep(50);
        for (const id of ids(10_000 + wave * PER_WAVE, PER_WAVE))
          pending.push(runStream(target, id));
      }
      return Promise.all(pending);
    };
    const bareModel = model();
    const bareRuns = await launch(bareModel, async () => {});
    sandbox.reset();

    const events: AdstractOutcomeEvent[] = [];
    const middleware = middlewareFor(events, { coolDownMs: 400 });
    const wrapped = wrapLanguageModel({ model: model(), middleware });
    const circuitState = () =>
      events.findLast((event) => event.type === 'circuit')?.state ?? 'closed';
    const runs = await launch(wrapped, async () => {
      for (let waited = 0; circuitState() === 'closed'; waited += 5) {
        if (waited > 20_000) throw new Error('the circuit never opened');
        await sleep(5);
      }
    });
    await middleware.flush();

    expectSameAsBare(runs, bareRuns);
    expectAcknowledgements(runs, events);

    // Each stream either asked for an ad or was skipped because the circuit was open.
    const requested = events.filter((event) => event.type === 'requested').length;
    const skipped = events.filter(
      (event) => event.type === 'skipped' && event.reason === 'circuit-open',
    ).length;
    expect(requested + skipped).toBe(WAVES * PER_WAVE);
    expect(skipped).toBeGreaterThanOrEqual(PER_WAVE - 1);
    expect(events.filter((event) => event.type === 'skipped')).toHaveLength(skipped);
    // While open (until the next half-open), no start call goes out.
    let open = false;
    for (const event of events) {
      if (event.type === 'circuit') open = event.state === 'open';
      else if (event.type === 'requested') expect(open, 'a start call while open').toBe(false);
    }
    expect(events.some((event) => event.type === 'circuit' && event.state === 'open')).toBe(true);
    expect(unhandled).toEqual([]);
    sandbox.reset();
  });

  it('zero orphaned 200s: starts slower than the budget and callers aborting during start', {
    timeout: 60_000,
  }, async () => {
    // A second sandbox where half the starts are processed at once but answered late (`slow`),
    // up to 1.2 s, against a 150 ms start budget: their 200s arrive after the call went on
    // without the ad. A fifth of the callers abort while their start is still out. The breaker
    // is on: it opens on the slow starts and releases the calls still waiting.
    const late = await startSandbox({
      logger: false,
      random: {
        seed: SEED + 1,
        rates: { slow: 0.5, maxLatencyMs: 1_200, serverError: 0.05, ackFailure: 0.05 },
      },
    });
    try {
      const events: AdstractOutcomeEvent[] = [];
      // Half the calls through a middleware with the breaker on (released when it opens), half
      // with it off (each waits out its own budget).
      const middlewares = [{ coolDownMs: 300 }, false as const].map((circuitBreaker) =>
        adstractMiddleware({
          apiKey: 'adpk_sandbox_stress_key',
          baseURL: late.url,
          timeoutMs: 150,
          startCapMs: 4_000,
          acknowledgeTimeoutMs: ACK_TIMEOUT_MS,
          circuitBreaker,
          onError: () => {},
          onOutcome: (event) => events.push(event),
        }),
      );
      const models = middlewares.map((middleware) =>
        wrapLanguageModel({ model: model(), middleware }),
      );
      const pick = random(SEED + 2);
      const runs = await Promise.all(
        ids(20_000, 400).map(async (id) => {
          const wrapped = models[id % 2]!;
          const controller = new AbortController();
          if (pick() < 0.2) setTimeout(() => controller.abort(), 20 + Math.floor(pick() * 100));
          const result = streamText({
            model: wrapped,
            prompt: `Late question #${id}: how can I improve user retention?`,
            abortSignal: controller.signal,
            maxRetries: 0,
            providerOptions: {
              adstract: { sessionId: `late-${id}`, userAgent: 'stress', userIp: '198.51.100.23' },
            },
          });
          let text = '';
          try {
            for await (const delta of result.textStream) text += delta;
          } catch {
            // An abort: what the user saw is `text`.
          }
          return { id, text };
        }),
      );
      await Promise.all(middlewares.map((middleware) => middleware.flush()));

      // Counted from what the sandbox says it issued: every 200 got exactly one acknowledge.
      const issued = late.ads();
      const acknowledges = new Map<string, string[]>();
      for (const request of late.requests) {
        if (!request.path.includes('/acknowledge')) continue;
        const body = request.body as { ad_response_id: string; llm_response: string };
        acknowledges.set(body.ad_response_id, [
          ...(acknowledges.get(body.ad_response_id) ?? []),
          body.llm_response,
        ]);
      }
      const orphaned = issued.filter((ad) => !acknowledges.has(ad.adResponseId));
      const repeated = [...acknowledges.values()].filter((texts) => texts.length > 1);
      console.log(
        `stress: ${issued.length} 200s issued, ${orphaned.length} orphaned, ` +
          `${events.filter((event) => event.type === 'late-fill').length} late, ` +
          `${events.filter((event) => event.type === 'released').length} released by the breaker, ` +
          `${events.filter((event) => event.type === 'failed' && event.reason === 'unavailable').length} past the budget`,
      );
      expect(orphaned).toEqual([]);
      expect(repeated).toEqual([]);
      // The late ones really were late, both ways: the scenario exercised what it claims to.
      expect(events.filter((event) => event.type === 'late-fill').length).toBeGreaterThan(20);
      expect(events.filter((event) => event.type === 'released').length).toBeGreaterThan(20);
      expect(
        events.filter((event) => event.type === 'failed' && event.reason === 'unavailable').length,
      ).toBeGreaterThan(20);
      // Each acknowledge carries text from its own stream only.
      const textById = new Map(runs.map((run) => [run.id, run.text]));
      for (const request of late.requests) {
        if (!request.path.includes('/start') || request.status !== 200) continue;
        const id = Number(/#(\d+)/.exec(String((request.body as { prompt: string }).prompt))?.[1]);
        const adResponseId = (request.responseBody as { ad_response_id: string }).ad_response_id;
        const [acknowledged = ''] = acknowledges.get(adResponseId) ?? [];
        expect(answerOf(id).join('').startsWith(acknowledged)).toBe(true);
        expect((textById.get(id) ?? '').startsWith(acknowledged)).toBe(true);
      }
      expect(unhandled).toEqual([]);
    } finally {
      await late.close();
    }
  });

  it('the heap returns to its baseline once the start timeouts have passed', {
    timeout: 30_000,
  }, async () => {
    expect(gc, 'gc is missing: vitest.config.ts must pass --expose-gc to the workers').toBeTypeOf(
      'function',
    );
    // Nothing should still be pending, but a start request would live up to START_CAP_MS.
    await sleep(START_CAP_MS + 500);
    sandbox.reset();
    const growthMb = (await settledHeapMb(gc!)) - heapBaselineMb;
    expect(growthMb).toBeLessThan(HEAP_BOUND_MB);
    expect(unhandled).toEqual([]);
  });
});
