import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAnswerStops } from './answer-stops';

afterEach(() => {
  vi.useRealTimers();
});

describe('createAnswerStops', () => {
  it('aborts the running answer it names, and no other', () => {
    const stops = createAnswerStops();
    const first = stops.begin('a1');
    const second = stops.begin('a2');
    expect(stops.stop('a1')).toBe(true);
    expect(first.signal.aborted).toBe(true);
    expect(second.signal.aborted).toBe(false);
    // A second stop of the same answer finds it stopped already.
    expect(stops.stop('a1')).toBe(false);
  });

  it('begins an answer aborted when its stop came first', () => {
    const stops = createAnswerStops();
    expect(stops.stop('early')).toBe(false);
    expect(stops.begin('early').signal.aborted).toBe(true);
    expect(stops.begin('other').signal.aborted).toBe(false);
  });

  it('forgets an answer once it ends: a late stop does not reach a later answer', () => {
    const stops = createAnswerStops();
    const answer = stops.begin('a1');
    answer.end();
    answer.end();
    expect(stops.size).toBe(0);
    expect(stops.stop('a1')).toBe(false);
    expect(answer.signal.aborted).toBe(false);
  });

  it('holds answers and early stops for keepMs at most, and maxEntries of them', () => {
    vi.useFakeTimers();
    const stops = createAnswerStops({ keepMs: 1_000, maxEntries: 2 });
    stops.stop('never-begins');
    stops.begin('stalled');
    vi.advanceTimersByTime(1_000);
    expect(stops.size).toBe(0);
    expect(stops.begin('never-begins').signal.aborted).toBe(false);
    stops.begin('b');
    stops.begin('c');
    expect(stops.size).toBe(2);
    expect(stops.stop('never-begins')).toBe(false);
  });
});
