import { ValidationError, WRAPPING_TYPES } from '@adstract/client';
import type { AdstractMiddlewareOptions, CircuitBreakerOptions } from './middleware-options.js';

/** Checks one option value; throws a `ValidationError` naming `field` and the rule. */
type Check = (value: unknown, field: string) => void;

/** One check per key of `T`: adding an option without a rule does not compile. */
type ChecksOf<T> = { readonly [Key in keyof Required<T>]: Check };

/** Longest delay timers accept: more than 2^31 − 1 ms fires at once. */
const MAX_TIMER_MS = 2_147_483_647;
/** Longest key quoted in a message, so a huge unknown key cannot flood logs. */
const MAX_QUOTED_KEY_LENGTH = 64;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const invalid = (field: string, rule: string) =>
  new ValidationError({ message: `${field} ${rule}`, field });

/**
 * A number within a range: finite, whole when `integer` (milliseconds and counts), `min` and
 * `max` inclusive. Same rule and wording as the client's own option checks.
 */
const numberIn =
  (rule: { integer: boolean; min: number; max?: number }): Check =>
  (value, field) => {
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (!rule.integer || Number.isInteger(value)) &&
      value >= rule.min &&
      (rule.max === undefined || value <= rule.max);
    if (!ok) {
      const kind = rule.integer ? 'an integer' : 'a finite number';
      const range = `≥ ${rule.min}${rule.max === undefined ? '' : ` and ≤ ${rule.max}`}`;
      throw invalid(field, `must be ${kind} ${range}`);
    }
  };

const ofType =
  (type: 'string' | 'boolean' | 'function', description: string): Check =>
  (value, field) => {
    if (typeof value !== type) throw invalid(field, `must be ${description}`);
  };

const quoteKey = (key: string): string =>
  JSON.stringify(
    key.length > MAX_QUOTED_KEY_LENGTH ? `${key.slice(0, MAX_QUOTED_KEY_LENGTH)}…` : key,
  );

/**
 * An object whose own keys are all known (typo protection: `coolDownMS` is an error, not a
 * silently ignored setting), each checked when it is not `undefined`.
 */
const objectOf =
  (checks: Readonly<Record<string, Check>>): Check =>
  (value, field) => {
    const prefix = field === '' ? '' : `${field}.`;
    if (!isRecord(value)) throw invalid(field === '' ? 'options' : field, 'must be an object');
    const known = Object.keys(checks);
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(checks, key)) {
        throw new ValidationError({
          message: `${prefix}${quoteKey(key)} is not a known option (expected ${known.join(', ')})`,
          field: `${prefix}${key}`,
        });
      }
    }
    for (const key of known) {
      const option = value[key];
      if (option !== undefined) checks[key]?.(option, `${prefix}${key}`);
    }
  };

const timerMs = numberIn({ integer: true, min: 1, max: MAX_TIMER_MS });
const positiveCount = numberIn({ integer: true, min: 1 });
const text = ofType('string', 'a string');
const callback = ofType('function', 'a function');

const checkWrappingType: Check = (value, field) => {
  if (!(WRAPPING_TYPES as readonly unknown[]).includes(value)) {
    throw invalid(field, `must be one of ${WRAPPING_TYPES.join(', ')}`);
  }
};

const checkClient: Check = (value, field) => {
  const client = value as { requestAd?: unknown; acknowledge?: unknown } | null;
  const ok =
    typeof value === 'object' &&
    client !== null &&
    typeof client.requestAd === 'function' &&
    typeof client.acknowledge === 'function';
  if (!ok) throw invalid(field, 'must be an Adstract client (requestAd and acknowledge functions)');
};

const checkContext: Check = (value, field) => {
  if (typeof value !== 'function' && !isRecord(value)) {
    throw invalid(field, 'must be an object or a function of the call params');
  }
};

const circuitBreakerChecks: ChecksOf<CircuitBreakerOptions> = {
  failureThreshold: positiveCount,
  coolDownMs: positiveCount,
};
const checkCircuitBreakerSettings = objectOf(circuitBreakerChecks);
const checkCircuitBreaker: Check = (value, field) => {
  if (value === false) return;
  if (!isRecord(value)) throw invalid(field, 'must be false or an object');
  checkCircuitBreakerSettings(value, field);
};

const cacheChecks: ChecksOf<NonNullable<AdstractMiddlewareOptions['cache']>> = {
  maxEntries: positiveCount,
  maxSettledEntries: positiveCount,
  maxAgeMs: positiveCount,
};

const optionChecks: ChecksOf<AdstractMiddlewareOptions> = {
  apiKey: text,
  baseURL: text,
  client: checkClient,
  wrappingType: checkWrappingType,
  timeoutMs: timerMs,
  acknowledgeTimeoutMs: timerMs,
  retries: numberIn({ integer: true, min: 0, max: 5 }),
  fetch: callback,
  context: checkContext,
  waitUntil: callback,
  onError: callback,
  onOutcome: callback,
  strict: ofType('boolean', 'true or false'),
  continuationTimeoutMs: numberIn({ integer: true, min: 0, max: MAX_TIMER_MS }),
  cache: objectOf(cacheChecks),
  circuitBreaker: checkCircuitBreaker,
};
const checkOptions = objectOf(optionChecks);

/**
 * Checks the options of `adstractMiddleware` before anything is built or sent: types, number
 * ranges (finite; whole milliseconds and counts), known keys only (a typo is an error), nested
 * `cache` and `circuitBreaker` settings. `undefined` means no options.
 *
 * @returns the same options object, typed.
 * @throws {ValidationError} naming the field (e.g. `circuitBreaker.coolDownMs`) and the rule.
 */
export function validateMiddlewareOptions(options: unknown): AdstractMiddlewareOptions {
  if (options === undefined) return {};
  checkOptions(options, '');
  return options as AdstractMiddlewareOptions;
}
