import { describe, expect, it } from 'vitest';
import { createLatencyWindow } from './latency-window.js';

describe('createLatencyWindow', () => {
  it('has no p95 before the first sample', () => {
    expect(createLatencyWindow().p95()).toBeUndefined();
  });

  it('gives the nearest-rank p95 of its samples', () => {
    const window = createLatencyWindow();
    for (let value = 1; value <= 20; value++) window.add(value);
    expect(window.p95()).toBe(19);
    window.add(1_000);
    expect(window.p95()).toBe(20);
  });

  it('keeps only the last 64 samples', () => {
    const window = createLatencyWindow();
    for (let index = 0; index < 64; index++) window.add(5_000);
    for (let index = 0; index < 64; index++) window.add(10);
    expect(window.p95()).toBe(10);
  });

  it('ignores values that are not durations', () => {
    const window = createLatencyWindow();
    for (const value of [Number.NaN, -1, Number.POSITIVE_INFINITY]) window.add(value);
    expect(window.p95()).toBeUndefined();
  });
});
