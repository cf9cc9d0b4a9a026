import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FilledOutcome } from '../calls/start-outcome.js';
import type { AnswerEnding } from '../options/outcome-event.js';
import { type AnswerLedgerOptions, createAnswerLedger } from './answer-ledger.js';

const filled = (adResponseId: string): FilledOutcome => ({
  status: 'filled',
  adResponseId,
  enhancedPrompt: 'enhanced',
  productName: null,
});

function setup(overrides: Partial<AnswerLedgerOptions> = {}) {
  let now = 0;
  const acknowledged: Array<{ adResponseId: string; text: string; ending: AnswerEnding }> = [];
  const ledger = createAnswerLedger({
    continuationTimeoutMs: 30_000,
    maxEntries: 100,
    maxSettledEntries: 100,
    maxAgeMs: 1_000,
    acknowledge: (outcome, text, ending) =>
      acknowledged.push({ adResponseId: outcome.adResponseId, text, ending }),
    now: () => now,
    ...overrides,
  });
  const advance = (ms: number) => {
    now += ms;
  };
  return { ledger, acknowledged, advance };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('createAnswerLedger', () => {
  it('sweeps expired entries on every lookup, not only on insertion', () => {
    const { ledger, advance } = setup();
    for (const key of ['a', 'b', 'c']) ledger.settle(ledger.open(key), { status: 'no-fill' });
    expect(ledger.size).toEqual({ live: 0, settled: 3 });
    advance(1_001);
    expect(ledger.lookup('other', false)).toEqual({ kind: 'new' });
    expect(ledger.size).toEqual({ live: 0, settled: 0 });
  });

  it('forgets a settled message after maxAgeMs', () => {
    const { ledger, advance } = setup();
    ledger.settle(ledger.open('a'), { status: 'rejected' });
    advance(1_000);
    expect(ledger.lookup('a', false).kind).toBe('reuse');
    advance(1);
    expect(ledger.lookup('a', false).kind).toBe('new');
  });

  it('remembers at most maxSettledEntries settled messages, dropping the oldest', () => {
    const { ledger } = setup({ maxSettledEntries: 2 });
    for (const key of ['a', 'b', 'c']) ledger.settle(ledger.open(key), { status: 'no-fill' });
    expect(ledger.size.settled).toBe(2);
    expect(ledger.lookup('a', false).kind).toBe('new');
    expect(ledger.lookup('b', false).kind).toBe('reuse');
    expect(ledger.lookup('c', false).kind).toBe('reuse');
  });

  it('acknowledges a filled message in flight at maxAgeMs with its text so far, on an unref’d timer', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const { ledger, acknowledged } = setup();
    const entry = ledger.open('a');
    ledger.settle(entry, filled('resp_a'));
    const call = ledger.beginCall(entry)!;
    call.text += 'half an answer';
    const ageTimer = timers.mock.results.at(-1)?.value as ReturnType<typeof setTimeout>;
    expect(ageTimer.hasRef()).toBe(false);
    vi.advanceTimersByTime(999);
    expect(acknowledged).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(acknowledged).toEqual([
      { adResponseId: 'resp_a', text: 'half an answer', ending: 'evicted' },
    ]);
    ledger.endCall(call, 'finished');
    expect(acknowledged).toHaveLength(1);
  });

  it('keeps a failed start for its own retries and steps only', () => {
    const { ledger, advance } = setup();
    const entry = ledger.open('a');
    ledger.settle(entry, { status: 'failed' });
    expect(ledger.lookup('a', true).kind).toBe('reuse');
    expect(ledger.lookup('a', false).kind).toBe('new');
    ledger.modelCallFailed(entry);
    expect(ledger.lookup('a', false).kind).toBe('reuse');
    // The retry window is used once: a later fresh call may start again.
    expect(ledger.lookup('a', false).kind).toBe('new');
    ledger.modelCallFailed(entry);
    advance(30_001);
    expect(ledger.lookup('a', false).kind).toBe('new');
  });

  it('ends an answer once: a late step of an acknowledged message owes nothing', () => {
    const { ledger, acknowledged } = setup();
    const entry = ledger.open('a');
    ledger.settle(entry, filled('resp_a'));
    const call = ledger.beginCall(entry)!;
    call.text = 'Let me check.';
    ledger.endCall(call, 'finished');
    expect(acknowledged).toEqual([
      { adResponseId: 'resp_a', text: 'Let me check.', ending: 'finished' },
    ]);
    expect(ledger.lookup('a', true)).toEqual({ kind: 'answered' });
    expect(ledger.lookup('a', false)).toEqual({ kind: 'duplicate' });
    expect(ledger.beginCall(entry)).toBeUndefined();
  });

  it('acknowledges a 200 that arrives after the answer went out without it, with that text', () => {
    const { ledger, acknowledged } = setup();
    const entry = ledger.open('a');
    ledger.proceedWithoutAd(entry);
    const call = ledger.beginCall(entry)!;
    call.text = 'An answer without the ad.';
    ledger.endCall(call, 'finished');
    expect(acknowledged).toEqual([]);
    ledger.lateOutcome(entry, filled('late'));
    expect(acknowledged).toEqual([
      { adResponseId: 'late', text: 'An answer without the ad.', ending: 'finished' },
    ]);
    ledger.lateOutcome(entry, filled('late'));
    expect(acknowledged).toHaveLength(1);
  });

  it('acknowledges a 200 that arrives mid-answer once the answer ends, with all of it', () => {
    const { ledger, acknowledged } = setup();
    const entry = ledger.open('a');
    ledger.proceedWithoutAd(entry);
    const call = ledger.beginCall(entry)!;
    call.text = 'Half';
    ledger.lateOutcome(entry, filled('late'));
    expect(acknowledged).toEqual([]);
    call.text += ' and the rest.';
    ledger.endCall(call, 'finished');
    expect(acknowledged).toEqual([
      { adResponseId: 'late', text: 'Half and the rest.', ending: 'finished' },
    ]);
  });

  it('forgets the answer of a late start that gave no ad, and lets a resend ask again', () => {
    const { ledger, acknowledged } = setup();
    const entry = ledger.open('a');
    ledger.proceedWithoutAd(entry);
    ledger.endCall(ledger.beginCall(entry)!, 'aborted');
    expect(ledger.lookup('a', false)).toEqual({ kind: 'new', again: 'after-abort' });
    ledger.lateOutcome(entry, { status: 'failed', reason: 'unavailable' });
    expect(acknowledged).toEqual([]);
    expect(ledger.size.live).toBe(0);
    expect(ledger.lookup('a', false)).toEqual({ kind: 'new', again: 'after-failure' });
  });

  it('keeps a resend’s new entry when the old one’s late start answers', () => {
    const { ledger, acknowledged } = setup();
    const old = ledger.open('a');
    ledger.proceedWithoutAd(old);
    ledger.endCall(ledger.beginCall(old)!, 'aborted');
    const resend = ledger.open('a');
    ledger.settle(resend, filled('resend'));
    ledger.lateOutcome(old, filled('old'));
    expect(acknowledged).toEqual([{ adResponseId: 'old', text: '', ending: 'aborted' }]);
    // The resend's answer is still the one in flight for this message.
    expect(ledger.lookup('a', false)).toEqual({ kind: 'duplicate' });
    const call = ledger.beginCall(resend)!;
    call.text = 'The resend’s answer.';
    ledger.endCall(call, 'finished');
    expect(acknowledged.map((ack) => ack.adResponseId)).toEqual(['old', 'resend']);
  });

  it('ends every answer in flight on endAll, stopping the streams that are still open', () => {
    const { ledger, acknowledged } = setup();
    const streaming = ledger.open('a');
    ledger.settle(streaming, filled('resp_a'));
    const call = ledger.beginCall(streaming)!;
    let cancelled = 0;
    call.cancel = () => cancelled++;
    call.text = 'so far';
    const waiting = ledger.open('b');
    ledger.settle(waiting, filled('resp_b'));
    const step = ledger.beginCall(waiting)!;
    step.text = 'step one';
    ledger.endCall(step, 'tool-calls');
    ledger.endAll();
    expect(acknowledged).toEqual([
      { adResponseId: 'resp_a', text: 'so far', ending: 'flushed' },
      { adResponseId: 'resp_b', text: 'step one', ending: 'flushed' },
    ]);
    expect(cancelled).toBe(1);
    ledger.endCall(call, 'finished');
    expect(acknowledged).toHaveLength(2);
  });
});
