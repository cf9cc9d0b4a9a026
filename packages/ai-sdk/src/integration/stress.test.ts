import { type Sandbox, startSandbox } from '@adstract/sandbox';
import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { streamText, wrapLanguageModel } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adstractMiddleware } from '../adstract-middleware.js';
import type { AdstractOutcomeEvent } from '../options.js';
import { finishReason, usage } from '../testing/mock-model.js';

const STREAMS = 1_000;
const SEED = 20_261_122;

/** Deterministic per-stream choices from the seed (mulberry32). */
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

/** The answer the model gives stream #n, with or without an ad: the same words either way. */
const answerOf = (id: number) => Array.from({ length: 12 }, (_, index) => `s${id}w${index} `);

/** A model whose answer depends only on the `#n` in the latest user message. */
function model() {
  return new MockLanguageModelV4({
    doStream: async (options) => {
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
}

interface StreamRun {
  id: number;
  text: string;
  error: unknown;
  aborted: boolean;
}

async function runAll(wrap: boolean, sandbox: Sandbox, events: AdstractOutcomeEvent[]) {
  const middleware = adstractMiddleware({
    apiKey: 'adpk_sandbox_stress_key',
    baseURL: sandbox.url,
    timeoutMs: 5_000,
    onError: () => {},
    onOutcome: (event) => events.push(event),
    circuitBreaker: false,
  });
  const bare = model();
  const target = wrap ? wrapLanguageModel({ model: model(), middleware }) : bare;
  const pick = random(SEED);
  const runs = await Promise.all(
    Array.from({ length: STREAMS }, async (_, id): Promise<StreamRun> => {
      const abortAfter = pick() < 0.1 ? 1 + Math.floor(pick() * 8) : undefined;
      const controller = new AbortController();
      const result = streamText({
        model: target,
        prompt: `Stress question #${id}: how can I improve user retention?`,
        abortSignal: controller.signal,
        maxRetries: 0,
        providerOptions: {
          adstract: { sessionId: `stress-${id}`, userAgent: 'stress', userIp: '127.0.0.1' },
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
    }),
  );
  await middleware.flush();
  return runs;
}

let sandbox: Sandbox;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
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
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await sandbox?.close();
});

describe('stress: 1,000 concurrent streams against a faulty sandbox', () => {
  it('keeps every answer intact and every acknowledge single and its own', {
    timeout: 90_000,
  }, async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;

    const bareRuns = await runAll(false, sandbox, []);
    sandbox.reset();
    const events: AdstractOutcomeEvent[] = [];
    const runs = await runAll(true, sandbox, events);

    // Every stream ends exactly as it does without the middleware.
    for (const run of runs) {
      const bare = bareRuns[run.id]!;
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

    // Acknowledgements: at most one per 200, exactly one where the stream finished, each its own text.
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
    // The rates leave ~88% of starts answering 200; half is a floor that holds on a loaded machine.
    expect(filled.size).toBeGreaterThan(STREAMS / 2);
    for (const [adResponseId, texts] of acks) {
      expect(texts).toHaveLength(1);
      const id = filled.get(adResponseId);
      expect(id, 'acknowledge of an unknown ad').toBeDefined();
      const own = answerOf(id!).join('');
      expect(own.startsWith(texts[0]!)).toBe(true);
    }
    for (const [adResponseId, id] of filled) {
      const run = runs[id]!;
      if (!run.aborted)
        expect(acks.get(adResponseId), `ack of finished stream #${id}`).toEqual([run.text]);
    }
    expect(
      events.filter(
        (event) => event.type === 'acknowledged' || event.type === 'acknowledge-failed',
      ),
    ).toHaveLength(filled.size);

    expect(unhandled).toEqual([]);
    if (gc !== undefined) {
      sandbox.reset();
      gc();
      const growthMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
      expect(growthMb).toBeLessThan(16);
    }
  });
});
