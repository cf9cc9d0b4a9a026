import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, sleep } from './backoff.js';

describe('backoffDelay', () => {
  const options = { backoffFactorMs: 500, maxBackoffMs: 8_000 };

  it('draws up to factor × 2^attempt (full jitter)', () => {
    expect(backoffDelay(0, { ...options, random: () => 0.999 })).toBe(499);
    expect(backoffDelay(1, { ...options, random: () => 0.5 })).toBe(500);
    expect(backoffDelay(2, { ...options, random: () => 0.5 })).toBe(1_000);
    expect(backoffDelay(3, { ...options, random: () => 0 })).toBe(0);
  });

  it('caps the ceiling at maxBackoffMs', () => {
    expect(backoffDelay(4, { ...options, random: () => 0.5 })).toBe(4_000);
    expect(backoffDelay(10, { ...options, random: () => 0.5 })).toBe(4_000);
    expect(backoffDelay(50, { ...options, random: () => 0.999 })).toBe(7_992);
  });

  it('returns whole milliseconds within [0, ceiling) with the default random source', () => {
    for (let attempt = 0; attempt < 6; attempt++) {
      const delay = backoffDelay(attempt, options);
      expect(Number.isInteger(delay)).toBe(true);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(Math.min(500 * 2 ** attempt, 8_000));
    }
  });

  it('is 0 with a zero factor', () => {
    expect(backoffDelay(3, { backoffFactorMs: 0, maxBackoffMs: 8_000, random: () => 0.9 })).toBe(0);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delta seconds as milliseconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
  });

  it('reads an HTTP date as the time left until then', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:02:00 GMT', now)).toBe(120_000);
  });

  it('gives 0 for an HTTP date in the past', () => {
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });

  it('gives undefined when the header is absent, empty or unreadable', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('   ', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('1e3', now)).toBeUndefined();
  });

  it('measures HTTP dates from Date.now() by default', () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const delay = parseRetryAfter(inTenSeconds);
    expect(delay).toBeGreaterThan(8_000);
    expect(delay).toBeLessThanOrEqual(10_000);
  });
});

describe('sleep', () => {
  it('resolves after the delay', async () => {
    await expect(sleep(1, undefined)).resolves.toBeUndefined();
  });

  it('rejects at once with the reason of an already aborted signal', async () => {
    const reason = new Error('stop');
    await expect(sleep(60_000, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it('rejects with the reason when the signal aborts while waiting', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    const reason = new Error('user left');
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
  });

  it('resolves when a signal is given but never aborts', async () => {
    const controller = new AbortController();
    await expect(sleep(1, controller.signal)).resolves.toBeUndefined();
  });
});
