import { WRAPPING_TYPES } from '@adstract/client';
import {
  type Check,
  type ChecksOf,
  invalid,
  isRecord,
  MAX_TIMER_MS,
  numberIn,
  objectOf,
  ofType,
} from '@adstract/client/internal';
import { checkPacing } from '../pacing/pacing-options.js';
import { checkTelemetry } from '../telemetry/telemetry-options.js';
import { DEFAULT_TIMEOUT_MS } from './defaults.js';
import type { AdstractMiddlewareOptions, CircuitBreakerOptions } from './middleware-options.js';

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
  slowCallMs: timerMs,
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
  startCapMs: timerMs,
  stallTimeoutMs: timerMs,
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
  telemetry: checkTelemetry,
  pacing: checkPacing,
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
  const valid = options as AdstractMiddlewareOptions;
  const budget = valid.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (valid.startCapMs !== undefined && valid.startCapMs < budget) {
    throw invalid('startCapMs', `must be ≥ timeoutMs (${budget} ms)`);
  }
  return valid;
}

/**
 * Checks the argument of `flush()`: nothing, or `{ sessionId }` with a non-empty string.
 *
 * @returns the session whose answers to end, or undefined for all of them.
 * @throws {ValidationError} naming the field.
 */
export function validateFlushScope(scope: unknown): string | undefined {
  if (scope === undefined) return undefined;
  checkFlushScope(scope, 'scope');
  const { sessionId } = scope as { sessionId?: string };
  if (sessionId !== undefined && sessionId.trim() === '') {
    throw invalid('scope.sessionId', 'must be a non-empty string');
  }
  return sessionId;
}

const checkFlushScope = objectOf({ sessionId: text });
