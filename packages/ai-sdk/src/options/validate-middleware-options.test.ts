import { ValidationError } from '@adstract/client';
import { describe, expect, it } from 'vitest';
import { adstractMiddleware } from '../adstract-middleware.js';
import { validateMiddlewareOptions } from './validate-middleware-options.js';

const noop = () => {};
const client = { requestAd: async () => ({}), acknowledge: async () => undefined };

/** Every rule, as [what is wrong, the options, the field the error must name]. */
const rejected: [string, unknown, string][] = [
  ['options is null', null, 'options'],
  ['options is a number', 5, 'options'],
  ['options is a string', 'x', 'options'],
  ['options is an array', [], 'options'],
  ['an unknown option (typo)', { timeout: 3000 }, 'timeout'],
  ['an own __proto__ key', JSON.parse('{"__proto__":{"strict":true}}'), '__proto__'],
  ['a constructor key', { constructor: {} }, 'constructor'],
  ['apiKey not a string', { apiKey: 1234567890 }, 'apiKey'],
  ['baseURL not a string', { baseURL: new URL('http://a.test') }, 'baseURL'],
  ['client not an object', { client: 'adstract' }, 'client'],
  ['client without acknowledge', { client: { requestAd: noop } }, 'client'],
  ['client null', { client: null }, 'client'],
  ['wrappingType unknown', { wrappingType: 'html' }, 'wrappingType'],
  ['timeoutMs NaN', { timeoutMs: Number.NaN }, 'timeoutMs'],
  ['timeoutMs 0', { timeoutMs: 0 }, 'timeoutMs'],
  ['timeoutMs a fraction', { timeoutMs: 1.5 }, 'timeoutMs'],
  ['timeoutMs beyond timers', { timeoutMs: 2 ** 31 }, 'timeoutMs'],
  ['timeoutMs Infinity', { timeoutMs: Number.POSITIVE_INFINITY }, 'timeoutMs'],
  ['timeoutMs a string', { timeoutMs: '3000' }, 'timeoutMs'],
  ['acknowledgeTimeoutMs NaN', { acknowledgeTimeoutMs: Number.NaN }, 'acknowledgeTimeoutMs'],
  ['acknowledgeTimeoutMs 0', { acknowledgeTimeoutMs: 0 }, 'acknowledgeTimeoutMs'],
  ['retries negative', { retries: -1 }, 'retries'],
  ['retries above 5', { retries: 6 }, 'retries'],
  ['retries a fraction', { retries: 1.5 }, 'retries'],
  ['fetch not a function', { fetch: 'fetch' }, 'fetch'],
  ['context a number', { context: 5 }, 'context'],
  ['context null', { context: null }, 'context'],
  ['context an array', { context: [] }, 'context'],
  ['waitUntil not a function', { waitUntil: {} }, 'waitUntil'],
  ['onError not a function', { onError: 42 }, 'onError'],
  ['onOutcome not a function', { onOutcome: 'log' }, 'onOutcome'],
  ["strict the string 'false'", { strict: 'false' }, 'strict'],
  ['strict a number', { strict: 1 }, 'strict'],
  ['continuationTimeoutMs a string', { continuationTimeoutMs: 'x' }, 'continuationTimeoutMs'],
  ['continuationTimeoutMs negative', { continuationTimeoutMs: -1 }, 'continuationTimeoutMs'],
  [
    'continuationTimeoutMs beyond timers',
    { continuationTimeoutMs: 2 ** 31 },
    'continuationTimeoutMs',
  ],
  ['cache not an object', { cache: 5 }, 'cache'],
  ['cache.maxEntries negative', { cache: { maxEntries: -1 } }, 'cache.maxEntries'],
  ['cache.maxEntries 0', { cache: { maxEntries: 0 } }, 'cache.maxEntries'],
  ['cache.maxEntries a fraction', { cache: { maxEntries: 1.5 } }, 'cache.maxEntries'],
  ['cache.maxSettledEntries 0', { cache: { maxSettledEntries: 0 } }, 'cache.maxSettledEntries'],
  ['cache.maxAgeMs 0', { cache: { maxAgeMs: 0 } }, 'cache.maxAgeMs'],
  ['cache.maxAgeMs NaN', { cache: { maxAgeMs: Number.NaN } }, 'cache.maxAgeMs'],
  ['cache with an unknown key', { cache: { maxAge: 1 } }, 'cache.maxAge'],
  ['circuitBreaker a string', { circuitBreaker: 'yes' }, 'circuitBreaker'],
  ['circuitBreaker true', { circuitBreaker: true }, 'circuitBreaker'],
  ['circuitBreaker null', { circuitBreaker: null }, 'circuitBreaker'],
  [
    'circuitBreaker.coolDownMs NaN',
    { circuitBreaker: { coolDownMs: Number.NaN } },
    'circuitBreaker.coolDownMs',
  ],
  [
    'circuitBreaker.coolDownMs 0',
    { circuitBreaker: { coolDownMs: 0 } },
    'circuitBreaker.coolDownMs',
  ],
  [
    'circuitBreaker.failureThreshold -Infinity',
    { circuitBreaker: { failureThreshold: Number.NEGATIVE_INFINITY } },
    'circuitBreaker.failureThreshold',
  ],
  [
    'circuitBreaker.failureThreshold 0',
    { circuitBreaker: { failureThreshold: 0 } },
    'circuitBreaker.failureThreshold',
  ],
  [
    'circuitBreaker.failureThreshold a fraction',
    { circuitBreaker: { failureThreshold: 2.5 } },
    'circuitBreaker.failureThreshold',
  ],
  [
    'circuitBreaker with a typo',
    { circuitBreaker: { cooldownMs: 1000 } },
    'circuitBreaker.cooldownMs',
  ],
  ['telemetry true', { telemetry: true }, 'telemetry'],
  ['telemetry null', { telemetry: null }, 'telemetry'],
  ['telemetry with a typo', { telemetry: { tracers: {} } }, 'telemetry.tracers'],
  ['telemetry.tracer without startSpan', { telemetry: { tracer: {} } }, 'telemetry.tracer'],
  ['telemetry.tracer true', { telemetry: { tracer: true } }, 'telemetry.tracer'],
  [
    'telemetry.recordAdResponseId a string',
    { telemetry: { recordAdResponseId: 'yes' } },
    'telemetry.recordAdResponseId',
  ],
  [
    'telemetry.meter without createHistogram',
    { telemetry: { meter: { createCounter: noop } } },
    'telemetry.meter',
  ],
  ['pacing not an object', { pacing: 2 }, 'pacing'],
  ['pacing with a typo', { pacing: { firstAdAfterTurns: 2 } }, 'pacing.firstAdAfterTurns'],
  [
    'pacing.firstAdAfterTurn negative',
    { pacing: { firstAdAfterTurn: -1 } },
    'pacing.firstAdAfterTurn',
  ],
  [
    'pacing.firstAdAfterTurn a string',
    { pacing: { firstAdAfterTurn: '2' } },
    'pacing.firstAdAfterTurn',
  ],
  [
    'pacing.minTurnsBetweenAds a fraction',
    { pacing: { minTurnsBetweenAds: 1.5 } },
    'pacing.minTurnsBetweenAds',
  ],
  [
    'pacing.minTurnsBetweenAds Infinity',
    { pacing: { minTurnsBetweenAds: Number.POSITIVE_INFINITY } },
    'pacing.minTurnsBetweenAds',
  ],
  [
    'pacing.maxAdsPerConversation 0',
    { pacing: { maxAdsPerConversation: 0 } },
    'pacing.maxAdsPerConversation',
  ],
  [
    'pacing.maxAdsPerConversation NaN',
    { pacing: { maxAdsPerConversation: Number.NaN } },
    'pacing.maxAdsPerConversation',
  ],
];

const thrownBy = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('validateMiddlewareOptions', () => {
  it.each(rejected)('rejects %s, naming the field', (_, options, field) => {
    const error = thrownBy(() => validateMiddlewareOptions(options));
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).field).toBe(field);
    expect((error as ValidationError).message).toMatch(/must be|is not a known option/);
  });

  it('names the field in the message, with the rule', () => {
    const error = thrownBy(() => validateMiddlewareOptions({ circuitBreaker: { coolDownMs: -5 } }));
    expect((error as Error).message).toBe('circuitBreaker.coolDownMs must be an integer ≥ 1');
    const pacing = thrownBy(() =>
      validateMiddlewareOptions({ pacing: { maxAdsPerConversation: 0 } }),
    );
    expect((pacing as Error).message).toBe('pacing.maxAdsPerConversation must be an integer ≥ 1');
    const tracer = thrownBy(() => validateMiddlewareOptions({ telemetry: { tracer: 'otel' } }));
    expect((tracer as Error).message).toBe(
      'telemetry.tracer must be false or an OpenTelemetry Tracer (with startSpan)',
    );
    const record = thrownBy(() =>
      validateMiddlewareOptions({ telemetry: { recordAdResponseId: 1 } }),
    );
    expect((record as Error).message).toBe('telemetry.recordAdResponseId must be true or false');
    const unknown = thrownBy(() => validateMiddlewareOptions({ timout: 1 }));
    expect((unknown as Error).message).toMatch(/^"timout" is not a known option \(expected apiKey/);
  });

  it('never echoes option values, and shortens huge unknown keys', () => {
    const error = thrownBy(() => validateMiddlewareOptions({ apiKey: ['adpk_secret_value'] }));
    expect((error as Error).message).not.toContain('adpk_secret_value');
    const huge = 'k'.repeat(100_000);
    const unknown = thrownBy(() => validateMiddlewareOptions({ [huge]: 1 }));
    expect((unknown as ValidationError).field).toBe(huge);
    expect((unknown as Error).message.length).toBeLessThan(1_000);
  });

  it('treats undefined as no options', () => {
    expect(validateMiddlewareOptions(undefined)).toEqual({});
  });

  it('accepts every option at its documented bounds and returns the same object', () => {
    const options = {
      apiKey: 'adpk_test_0123456789',
      baseURL: 'http://adstract.test',
      client,
      wrappingType: 'markdown',
      timeoutMs: 2 ** 31 - 1,
      acknowledgeTimeoutMs: 1,
      retries: 5,
      fetch: globalThis.fetch,
      context: () => undefined,
      waitUntil: noop,
      onError: noop,
      onOutcome: noop,
      strict: false,
      continuationTimeoutMs: 0,
      cache: { maxEntries: 1, maxSettledEntries: 1, maxAgeMs: 1 },
      circuitBreaker: { failureThreshold: 1, coolDownMs: 1 },
      telemetry: {
        tracer: { startSpan: noop },
        meter: { createCounter: noop, createHistogram: noop },
        recordAdResponseId: true,
      },
      pacing: { firstAdAfterTurn: 0, minTurnsBetweenAds: 0, maxAdsPerConversation: 1 },
    };
    expect(validateMiddlewareOptions(options)).toBe(options);
    expect(validateMiddlewareOptions({ retries: 0, context: {}, circuitBreaker: false })).toEqual({
      retries: 0,
      context: {},
      circuitBreaker: false,
    });
    for (const telemetry of [false, {}, { tracer: false, meter: false }]) {
      expect(() => validateMiddlewareOptions({ telemetry, pacing: {} })).not.toThrow();
    }
  });

  it('accepts undefined values and objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, { strict: true });
    expect(validateMiddlewareOptions(bare)).toBe(bare);
    expect(() =>
      validateMiddlewareOptions({ timeoutMs: undefined, cache: { maxEntries: undefined } }),
    ).not.toThrow();
  });
});

describe('adstractMiddleware', () => {
  it('validates its options first, before building anything', () => {
    // No apiKey/baseURL: the client is built lazily, yet timeoutMs is checked now.
    const error = thrownBy(() => adstractMiddleware({ timeoutMs: Number.NaN }));
    expect((error as ValidationError).field).toBe('timeoutMs');
    const strict = thrownBy(() => adstractMiddleware({ strict: 'false' as unknown as boolean }));
    expect((strict as ValidationError).field).toBe('strict');
    const none = thrownBy(() => adstractMiddleware(null as never));
    expect(ValidationError.isInstance(none)).toBe(true);
  });

  it('still works without options', () => {
    expect(typeof adstractMiddleware().transformParams).toBe('function');
  });
});
