import { describe, expect, it } from 'vitest';
import { hash32, mulberry32 } from './seeded-random.js';

describe('mulberry32', () => {
  it('gives the same sequence for the same seed, in [0, 1)', () => {
    const first = mulberry32(42);
    const second = mulberry32(42);
    const a = Array.from({ length: 100 }, () => first());
    const b = Array.from({ length: 100 }, () => second());
    expect(a).toEqual(b);
    for (const value of a) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('gives a different sequence for another seed', () => {
    const a = mulberry32(1);
    const b = mulberry32(2);
    expect([a(), a(), a()]).not.toEqual([b(), b(), b()]);
  });
});

describe('hash32', () => {
  it('is stable and spreads nearby strings apart', () => {
    expect(hash32('')).toBe(0x811c9dc5);
    expect(hash32('session-1')).toBe(hash32('session-1'));
    expect(hash32('session-1')).not.toBe(hash32('session-2'));
  });
});
