import { hash32, mulberry32 } from '../seeded-random.js';
import type { FaultTarget, SandboxFault } from './fault.js';

/** Per-request probabilities (0..1) of the random mode. */
export interface RandomFaultRates {
  /** Chance of added latency, on either endpoint. */
  latency?: number;
  /** Largest added latency, in ms (the amount is uniform in 1..maxLatencyMs). Default 1 000. */
  maxLatencyMs?: number;
  /** Chance that start answers 500. */
  serverError?: number;
  /** Chance that start answers 429 with `Retry-After: 1`. */
  rateLimit?: number;
  /** Chance that acknowledge answers 200 with invalid JSON. */
  malformed?: number;
  /** Chance that a call (either endpoint) never answers. */
  hang?: number;
  /** Chance that acknowledge answers 500. */
  ackFailure?: number;
  /**
   * Chance that a call (either endpoint) is processed at once but answered late, 1..maxLatencyMs
   * later (`slow`): a start's 200 is issued even when its client gives up first. Default 0.
   */
  slow?: number;
  /** Chance that a call (either endpoint) gets a TCP reset instead of an answer. Default 0. */
  reset?: number;
}

/** The seeded random mode: faults drawn per request from `seed`. */
export interface RandomFaultOptions {
  seed: number;
  /** Omitted: {@link DEFAULT_RANDOM_RATES}. Given: each missing rate is 0. */
  rates?: RandomFaultRates;
}

/** The rates used when `random.rates` is omitted. */
export const DEFAULT_RANDOM_RATES: Readonly<Required<RandomFaultRates>> = {
  latency: 0.2,
  maxLatencyMs: 1_000,
  serverError: 0.05,
  rateLimit: 0.05,
  malformed: 0.02,
  hang: 0.01,
  ackFailure: 0.05,
  slow: 0,
  reset: 0,
};

/** Checks the options and fills in the rates; throws `RangeError` for impossible rates. */
export function resolveRandomRates(options: RandomFaultOptions): Required<RandomFaultRates> {
  if (!Number.isFinite(options.seed)) throw new RangeError('random.seed must be a finite number');
  const given = options.rates;
  const rates: Required<RandomFaultRates> =
    given === undefined
      ? { ...DEFAULT_RANDOM_RATES }
      : {
          latency: given.latency ?? 0,
          maxLatencyMs: given.maxLatencyMs ?? DEFAULT_RANDOM_RATES.maxLatencyMs,
          serverError: given.serverError ?? 0,
          rateLimit: given.rateLimit ?? 0,
          malformed: given.malformed ?? 0,
          hang: given.hang ?? 0,
          ackFailure: given.ackFailure ?? 0,
          slow: given.slow ?? 0,
          reset: given.reset ?? 0,
        };
  for (const [name, value] of Object.entries(rates)) {
    if (name === 'maxLatencyMs') {
      if (!(Number.isFinite(value) && value >= 0)) {
        throw new RangeError('random.rates.maxLatencyMs must be a number ≥ 0');
      }
    } else if (!(value >= 0 && value <= 1)) {
      throw new RangeError(`random.rates.${name} must be a probability from 0 to 1`);
    }
  }
  if (rates.hang + rates.serverError + rates.rateLimit + rates.reset > 1) {
    throw new RangeError('random.rates: hang + serverError + rateLimit + reset must not exceed 1');
  }
  if (rates.hang + rates.malformed + rates.ackFailure + rates.reset > 1) {
    throw new RangeError('random.rates: hang + malformed + ackFailure + reset must not exceed 1');
  }
  return rates;
}

/**
 * Draws the random faults of one request. The draw depends only on the seed, the endpoint and
 * `key` (the sandbox uses the session, the prompt and the attempt number), never on arrival order:
 * concurrent runs with the same seed get the same faults.
 */
export function drawRandomFaults(
  seed: number,
  rates: Required<RandomFaultRates>,
  target: FaultTarget,
  key: string,
): SandboxFault[] {
  const random = mulberry32((seed ^ hash32(`${target}\n${key}`)) >>> 0);
  const latencyRoll = random();
  const latencyAmount = random();
  const roll = random();
  // Drawn after the first three, so the rates that came before draw exactly as they did.
  const slowRoll = random();
  const slowAmount = random();
  const faults: SandboxFault[] = [];
  if (latencyRoll < rates.latency && rates.maxLatencyMs > 0) {
    faults.push({ type: 'latency', ms: 1 + Math.floor(latencyAmount * rates.maxLatencyMs) });
  }
  if (slowRoll < rates.slow && rates.maxLatencyMs > 0) {
    faults.push({ type: 'slow', ms: 1 + Math.floor(slowAmount * rates.maxLatencyMs) });
  }
  const terminal: Array<[number, SandboxFault]> =
    target === 'start'
      ? [
          [rates.hang, { type: 'hang' }],
          [rates.serverError, { type: 'status', status: 500 }],
          [rates.rateLimit, { type: 'rate-limit', retryAfterSeconds: 1 }],
          [rates.reset, { type: 'reset' }],
        ]
      : [
          [rates.hang, { type: 'hang' }],
          [rates.malformed, { type: 'malformed' }],
          [rates.ackFailure, { type: 'status', status: 500 }],
          [rates.reset, { type: 'reset' }],
        ];
  let threshold = 0;
  for (const [rate, fault] of terminal) {
    threshold += rate;
    if (roll < threshold) {
      faults.push(fault);
      break;
    }
  }
  return faults;
}
