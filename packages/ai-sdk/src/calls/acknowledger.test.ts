import { type AdSDKError, Adstract } from '@adstract/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdstractOutcomeEvent } from '../options/outcome-event.js';
import { createAcknowledger } from './acknowledger.js';

const ad = {
  status: 'filled' as const,
  adResponseId: 'ad-1',
  enhancedPrompt: 'enhanced',
  productName: null,
};

function setup(fetch: typeof globalThis.fetch, waitUntil?: (promise: Promise<unknown>) => void) {
  const errors: AdSDKError[] = [];
  const events: AdstractOutcomeEvent[] = [];
  const client = new Adstract({ apiKey: 'adpk_test_0123456789', baseURL: 'http://a.test', fetch });
  const acknowledger = createAcknowledger({
    getClient: () => client,
    hooks: { error: (error) => errors.push(error), outcome: (event) => events.push(event) },
    breaker: undefined,
    waitUntil,
    timeoutMs: 1_000,
  });
  return { acknowledger, errors, events };
}

const okFetch: typeof globalThis.fetch = async () =>
  new Response(JSON.stringify({ ad_ack_id: 'ack', status: 'ok', success: true }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

afterEach(() => {
  vi.useRealTimers();
});

describe('createAcknowledger', () => {
  it('settles the waitUntil hold of a start once its ad’s acknowledge settled', async () => {
    const held: Array<Promise<unknown>> = [];
    const { acknowledger, events } = setup(okFetch, (promise) => held.push(promise));
    const hold = acknowledger.hold();
    let settled = false;
    void held[0]?.then(() => {
      settled = true;
    });
    hold.bind('ad-1');
    acknowledger.acknowledge(ad, 'answer', 'finished');
    await acknowledger.drain();
    await Promise.resolve();
    expect(settled).toBe(true);
    expect(events).toEqual([
      expect.objectContaining({ type: 'acknowledged', adResponseId: 'ad-1' }),
    ]);
  });

  it('settles the hold of a start that gave no ad at once', async () => {
    const held: Array<Promise<unknown>> = [];
    const { acknowledger } = setup(okFetch, (promise) => held.push(promise));
    acknowledger.hold().release();
    await expect(held[0]).resolves.toBeUndefined();
  });

  it('gives up on an acknowledge the runtime froze, a second past its time limit, and says so once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    // A fetch whose request was frozen: it never settles, not even on abort.
    const frozen: typeof globalThis.fetch = () => new Promise<Response>(() => {});
    const { acknowledger, errors } = setup(frozen);
    acknowledger.acknowledge(ad, 'answer', 'finished');
    acknowledger.acknowledge({ ...ad, adResponseId: 'ad-2' }, 'answer', 'finished');
    let drained = false;
    const draining = acknowledger.drain().then(() => {
      drained = true;
    });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(drained).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await draining;
    expect(acknowledger.inFlight).toBe(0);
    expect(errors.map((error) => error.message)).toEqual([
      expect.stringMatching(/^An acknowledge never settled/),
    ]);
  });
});
