import { describe, expect, it } from 'vitest';
import { delay } from './delay.js';

describe('delay', () => {
  it('resolves true after the time passed', async () => {
    const started = performance.now();
    expect(await delay(30, new AbortController().signal)).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('resolves false as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 10);
    expect(await delay(5_000, controller.signal)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await delay(10, controller.signal)).toBe(false);
  });
});
