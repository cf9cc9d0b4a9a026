import { describe, expect, it } from 'vitest';
import { drawRandomFaults, resolveRandomRates } from './random-faults.js';

const rates = resolveRandomRates({
  seed: 7,
  rates: {
    latency: 0.3,
    maxLatencyMs: 400,
    serverError: 0.1,
    rateLimit: 0.1,
    malformed: 0.1,
    hang: 0.05,
    ackFailure: 0.1,
  },
});

const keys = Array.from({ length: 2_000 }, (_, index) => `session-${index}\nprompt\n0`);

describe('drawRandomFaults', () => {
  it('is a pure function of seed, endpoint and key', () => {
    const first = keys.map((key) => drawRandomFaults(7, rates, 'start', key));
    const again = [...keys].reverse().map((key) => drawRandomFaults(7, rates, 'start', key));
    expect(again.reverse()).toEqual(first);
    const other = keys.map((key) => drawRandomFaults(8, rates, 'start', key));
    expect(other).not.toEqual(first);
  });

  it('draws roughly the configured rates, start and acknowledge faults apart', () => {
    const count = (target: 'start' | 'acknowledge', type: string) =>
      keys.filter((key) =>
        drawRandomFaults(7, rates, target, key).some((fault) => fault.type === type),
      ).length / keys.length;
    expect(count('start', 'latency')).toBeCloseTo(0.3, 1);
    expect(count('start', 'status')).toBeCloseTo(0.1, 1);
    expect(count('start', 'rate-limit')).toBeCloseTo(0.1, 1);
    expect(count('start', 'hang')).toBeCloseTo(0.05, 1);
    expect(count('start', 'malformed')).toBe(0);
    expect(count('acknowledge', 'malformed')).toBeCloseTo(0.1, 1);
    expect(count('acknowledge', 'status')).toBeCloseTo(0.1, 1);
    expect(count('acknowledge', 'rate-limit')).toBe(0);
  });

  it('keeps latency within 1..maxLatencyMs', () => {
    for (const key of keys) {
      for (const fault of drawRandomFaults(7, rates, 'start', key)) {
        if (fault.type !== 'latency') continue;
        expect(fault.ms).toBeGreaterThanOrEqual(1);
        expect(fault.ms).toBeLessThanOrEqual(400);
      }
    }
  });
});

describe('drawRandomFaults: slow answers and resets', () => {
  const withOutages = resolveRandomRates({
    seed: 7,
    rates: { ...rates, slow: 0.2, reset: 0.1 },
  });

  it('draws them at their rates, and leaves the other faults as they were', () => {
    const count = (target: 'start' | 'acknowledge', type: string) =>
      keys.filter((key) =>
        drawRandomFaults(7, withOutages, target, key).some((fault) => fault.type === type),
      ).length / keys.length;
    for (const target of ['start', 'acknowledge'] as const) {
      expect(count(target, 'slow')).toBeCloseTo(0.2, 1);
      expect(count(target, 'reset')).toBeCloseTo(0.1, 1);
    }
    for (const key of keys) {
      const before = drawRandomFaults(7, rates, 'start', key);
      const after = drawRandomFaults(7, withOutages, 'start', key);
      expect(after.filter((fault) => fault.type !== 'slow' && fault.type !== 'reset')).toEqual(
        before,
      );
    }
  });
});

describe('resolveRandomRates', () => {
  it('uses defaults without rates and zero for missing rates', () => {
    expect(resolveRandomRates({ seed: 1 }).serverError).toBeGreaterThan(0);
    expect(resolveRandomRates({ seed: 1, rates: { hang: 0.5 } })).toMatchObject({
      hang: 0.5,
      serverError: 0,
      maxLatencyMs: 1_000,
    });
  });

  it('rejects impossible rates', () => {
    expect(() => resolveRandomRates({ seed: 1, rates: { hang: 1.5 } })).toThrow(RangeError);
    expect(() => resolveRandomRates({ seed: 1, rates: { hang: 0.6, serverError: 0.6 } })).toThrow(
      'must not exceed 1',
    );
    expect(() => resolveRandomRates({ seed: 1, rates: { ackFailure: 0.6, reset: 0.6 } })).toThrow(
      'must not exceed 1',
    );
    expect(() => resolveRandomRates({ seed: Number.NaN })).toThrow('seed');
  });
});
