import { describe, expect, it } from 'vitest';
import type { AdRecord } from './ad-ledger.js';
import { FaultSyntaxError, parseFaultSpec } from './fault.js';
import { type FaultSources, planFaults, UnknownMarkerError } from './plan-faults.js';
import { resolveRandomRates } from './random-faults.js';

const sources = (overrides: Partial<FaultSources> = {}): FaultSources => ({
  target: 'start',
  header: undefined,
  body: { prompt: 'Hello', request_context: { session_id: 's' } },
  serverFaults: [],
  random: undefined,
  ad: undefined,
  nextAttempt: () => 0,
  ...overrides,
});

const ad = (faults: AdRecord['acknowledgeFaults']): AdRecord => ({
  adResponseId: 'r',
  apiKey: 'adpk_key_12345',
  httpStatus: 200,
  productName: 'Acme Analytics',
  acknowledgeFaults: faults,
  randomKey: 'k',
  requestId: 1,
  delivery: 'sent',
  acknowledgements: 0,
  faultedAcknowledges: 0,
});

describe('planFaults', () => {
  it('plans nothing without faults', () => {
    expect(planFaults(sources())).toMatchObject({
      latencyMs: 0,
      terminal: undefined,
      recoverable: false,
      acknowledgeFaults: [],
      labels: [],
    });
  });

  it('adds latencies up and lets the marker win over header and server-wide faults', () => {
    const plan = planFaults(
      sources({
        body: { prompt: 'Hi [sandbox:fault=latency=10,hang] [sandbox:fault=ack=502]' },
        header: 'latency=5, server-error',
        serverFaults: parseFaultSpec(['latency=1', 'rate-limit', 'ack=500']),
      }),
    );
    expect(plan).toMatchObject({
      latencyMs: 16,
      terminal: { type: 'hang' },
      acknowledgeFaults: [{ type: 'status', status: 502 }],
      labels: ['latency=16', 'hang'],
    });
  });

  it('applies the header, the start’s ack= faults and server-wide ack= faults to acknowledge', () => {
    const plan = planFaults(
      sources({
        target: 'acknowledge',
        body: { ad_response_id: 'r' },
        header: 'latency=7',
        ad: ad([{ type: 'status', status: 503 }]),
        serverFaults: parseFaultSpec(['server-error', 'ack=latency=3']),
      }),
    );
    expect(plan).toMatchObject({
      latencyMs: 10,
      terminal: { type: 'status', status: 503 },
      labels: ['latency=10', 'server-error=503'],
    });
  });

  it('adds slow delays up apart from latency, and keeps them after a terminal fault', () => {
    expect(
      planFaults(sources({ header: 'slow=30, latency=5, slow=20, reset', serverFaults: [] })),
    ).toMatchObject({
      latencyMs: 5,
      answerDelayMs: 50,
      terminal: { type: 'reset' },
      labels: ['latency=5', 'slow=50', 'reset'],
    });
  });

  it('marks recoverable-error only when no fault replaces the answer', () => {
    const target = 'acknowledge';
    expect(planFaults(sources({ target, header: 'recoverable-error' }))).toMatchObject({
      recoverable: true,
      labels: ['recoverable-error'],
    });
    expect(planFaults(sources({ target, header: 'recoverable-error, hang' })).recoverable).toBe(
      false,
    );
  });

  it('throws for a bad header or an unknown marker', () => {
    expect(() => planFaults(sources({ header: 'boom' }))).toThrow(FaultSyntaxError);
    expect(() => planFaults(sources({ body: { prompt: '[sandbox:oops]' } }))).toThrow(
      UnknownMarkerError,
    );
  });

  it('draws random faults from session, prompt and attempt', () => {
    const random = {
      seed: 3,
      rates: resolveRandomRates({ seed: 3, rates: { serverError: 0.5, maxLatencyMs: 0 } }),
    };
    const attempts = new Map<string, number>();
    const nextAttempt = (key: string) => {
      const attempt = attempts.get(key) ?? 0;
      attempts.set(key, attempt + 1);
      return attempt;
    };
    const plans = Array.from({ length: 40 }, () => planFaults(sources({ random, nextAttempt })));
    const keys = plans.map((plan) => plan.randomKey);
    expect(new Set(keys).size).toBe(40);
    const failed = plans.filter((plan) => plan.terminal !== undefined).length;
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(35);
  });
});
