import { AdSDKError, Adstract, ValidationError, WRAPPING_TYPES } from '@adstract/client';
import { generateText, wrapLanguageModel } from 'ai';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { adstractMiddleware } from './adstract-middleware.js';
import { adstractContextFromRequest } from './request/context-from-request.js';
import { createFakeAdstract } from './testing/fake-adstract.js';
import { MockLanguageModel, textResult } from './testing/mock-model.js';

/** Values that break naive code: wrong types, empty and huge strings, unicode, odd numbers. */
const nasty = fc.oneof(
  fc.anything({ withNullPrototype: true, withBigInt: false }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '😀',
    'İstanbul',
    'x'.repeat(100_000),
    NaN,
    Infinity,
    -Infinity,
    -0,
    1e300,
  ),
  fc.string({ unit: 'binary', maxLength: 64 }),
);

const contextLike = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      'sessionId',
      'userAgent',
      'userIp',
      'country',
      'region',
      'city',
      'asn',
      'age',
      'gender',
      'disabled',
    ),
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'),
    fc.string(),
  ),
  nasty,
  { maxKeys: 8 },
);

const validContext = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['sessionId', 'userAgent', 'userIp'].every(
    (key) => typeof record[key] === 'string' && (record[key] as string).trim() !== '',
  );
};

describe('providerOptions.adstract at the boundary', () => {
  it('never breaks the answer, never sends invalid context, and reports typed errors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(contextLike, nasty), async (adstract) => {
        const fake = createFakeAdstract();
        const errors: unknown[] = [];
        const middleware = adstractMiddleware({
          apiKey: 'adpk_test_0123456789',
          baseURL: 'http://adstract.test',
          fetch: fake.fetch,
          onError: (error) => errors.push(error),
        });
        const model = new MockLanguageModel({ doGenerate: textResult('answer') });
        const result = await generateText({
          model: wrapLanguageModel({ model, middleware }),
          prompt: 'How can I improve user retention?',
          // biome-ignore lint/suspicious/noExplicitAny: the point is to feed anything.
          providerOptions: { adstract: adstract as any },
        });
        await middleware.flush();
        expect(result.text).toBe('answer');
        for (const error of errors) expect(AdSDKError.isInstance(error)).toBe(true);
        if (fake.starts.length > 0) expect(validContext(adstract)).toBe(true);
        else {
          const disabled = (adstract as { disabled?: unknown } | null)?.disabled === true;
          expect(errors.length > 0 || disabled).toBe(true);
        }
        expect(JSON.stringify(model.doGenerateCalls[0]?.providerOptions ?? {})).not.toContain(
          'sessionId',
        );
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});

describe('request headers at the boundary', () => {
  it('never throws and only ever returns valid optional context', () => {
    const header = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.constantFrom('%', '%E0%A4%A', 'T1', 'XX', 'us', 'US'),
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            'user-agent',
            'x-forwarded-for',
            'x-vercel-forwarded-for',
            'x-real-ip',
            'cf-connecting-ip',
            'x-vercel-ip-country',
            'x-vercel-ip-country-region',
            'x-vercel-ip-city',
            'cf-ipcountry',
            'cf-ipcity',
            'sec-gpc',
            '__proto__',
            'constructor',
          ),
          header,
        ),
        fc.constantFrom(
          'vercel',
          'cloudflare',
          { trustedProxies: 1 },
          { trustedProxies: 3 },
        ) as fc.Arbitrary<'vercel' | 'cloudflare' | { trustedProxies: number }>,
        (headers, ipSource) => {
          const context = adstractContextFromRequest({ headers }, { sessionId: 's', ipSource });
          if (context.country !== undefined) expect(context.country).toMatch(/^[A-Z]{2}$/);
          for (const key of Object.keys(context)) {
            expect([
              'sessionId',
              'userAgent',
              'userIp',
              'country',
              'region',
              'city',
              'disabled',
              'privacy',
            ]).toContain(key);
          }
          if (context.privacy !== undefined) {
            expect(context.privacy).toBe('minimal');
            expect(context).not.toHaveProperty('country');
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** Every request the code under test tries to send, through the injected or the global fetch. */
const sent: string[] = [];
const fakeApi = createFakeAdstract();
const recordingFetch: typeof globalThis.fetch = (input, init) => {
  sent.push(new Request(input, init).url);
  return fakeApi.fetch(input, init);
};
const sharedClient = new Adstract({
  apiKey: 'adpk_test_0123456789',
  baseURL: 'http://adstract.test',
  fetch: recordingFetch,
});
const goodContext = { sessionId: 's-1', userAgent: 'Mozilla/5.0', userIp: '198.51.100.7' };

/** Keys that could reach a prototype, typos, unicode, empty and huge ones. */
const garbageKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'timeout',
    'coolDownMS',
    '',
    'k'.repeat(100_000),
  ),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
);

/** Adds an own property (even `__proto__`) without invoking any setter. */
const withOwn = (target: object, key: string, value: unknown): object =>
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    configurable: true,
    writable: true,
  });

/** Mostly a valid value for the key, sometimes garbage: so that some options are accepted. */
const mostly = (valid: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: nasty });

/** Options objects: known keys with good or nasty values, nested garbage, extra odd keys. */
const optionsOf = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.oneof(
        { weight: 4, arbitrary: fc.constant([] as [string, unknown][]) },
        { weight: 1, arbitrary: fc.array(fc.tuple(garbageKey, nasty), { maxLength: 2 }) },
      ),
    )
    .map(([known, extra]) =>
      extra.reduce<object>((options, [key, value]) => withOwn(options, key, value), { ...known }),
    );

const timerMs = fc.integer({ min: 1, max: 2 ** 31 - 1 });
const count = fc.integer({ min: 1, max: 100_000 });

const middlewareOptions = fc.oneof(
  { weight: 1, arbitrary: nasty },
  {
    weight: 1,
    // JSON.parse creates own `__proto__` keys (a literal would set the prototype instead).
    arbitrary: fc
      .constantFrom(
        '{"__proto__":{"polluted":true}}',
        '{"timeoutMs":5,"__proto__":{"strict":"yes"}}',
        '{"constructor":{"prototype":{"polluted":true}}}',
        '{"cache":{"__proto__":{"polluted":true}}}',
        '{"circuitBreaker":{"__proto__":{"coolDownMs":-1}}}',
        '{"context":{"__proto__":{"polluted":true},"sessionId":"s"}}',
        '{"context":{"constructor":{"prototype":{"polluted":true}}}}',
      )
      .map((json) => JSON.parse(json) as unknown),
  },
  {
    weight: 6,
    arbitrary: optionsOf({
      apiKey: mostly(fc.constantFrom('adpk_test_0123456789', 'short', ' '.repeat(20))),
      baseURL: mostly(fc.constantFrom('http://adstract.test', 'https://a.test/', 'no url')),
      // Rarely: beside apiKey, baseURL, retries or fetch a client is (rightly) a ValidationError.
      client: fc.oneof(
        { weight: 9, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constant(sharedClient) },
      ),
      wrappingType: mostly(fc.constantFrom(...WRAPPING_TYPES)),
      timeoutMs: mostly(timerMs),
      acknowledgeTimeoutMs: mostly(timerMs),
      retries: mostly(fc.integer({ min: 0, max: 5 })),
      fetch: mostly(fc.constant(recordingFetch)),
      context: mostly(
        fc.oneof(
          fc.constant(goodContext),
          fc.constant(() => goodContext),
          contextLike,
          fc.constant(() => {
            throw new Error('context failed');
          }),
        ),
      ),
      waitUntil: mostly(fc.constant((promise: Promise<unknown>) => void promise)),
      onError: mostly(fc.constant(() => {})),
      onOutcome: mostly(fc.constant(() => {})),
      strict: mostly(fc.boolean()),
      continuationTimeoutMs: mostly(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
      cache: mostly(
        optionsOf({
          maxEntries: mostly(count),
          maxSettledEntries: mostly(count),
          maxAgeMs: mostly(timerMs),
        }),
      ),
      circuitBreaker: mostly(
        fc.oneof(
          fc.constant(false),
          optionsOf({ failureThreshold: mostly(count), coolDownMs: mostly(timerMs) }),
        ),
      ),
    }),
  },
);

const objectPrototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
const expectNoPollution = () => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(objectPrototypeKeys);
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  expect(({} as Record<string, unknown>).strict).toBeUndefined();
};

/** A thrown error must be a typed `ValidationError` naming a field, and nothing may have been sent. */
const expectTypedRejection = (error: unknown) => {
  expect(ValidationError.isInstance(error), String(error)).toBe(true);
  expect(typeof (error as ValidationError).field).toBe('string');
  expect(sent).toEqual([]);
};

describe('constructor options at the boundary', () => {
  beforeAll(() => {
    vi.stubGlobal('fetch', recordingFetch);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    sent.length = 0;
  });
  afterAll(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('adstractMiddleware(anything): a middleware that works, or a ValidationError naming the field', async () => {
    let accepted = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(middlewareOptions, async (options) => {
        sent.length = 0;
        let middleware: ReturnType<typeof adstractMiddleware>;
        try {
          // biome-ignore lint/suspicious/noExplicitAny: the point is to feed anything.
          middleware = adstractMiddleware(options as any);
        } catch (error) {
          rejected++;
          expectTypedRejection(error);
          expectNoPollution();
          return;
        }
        accepted++;
        expect(sent).toEqual([]);
        // Accepted options must not blow up later: the answer comes through, or (strict) a typed error.
        const model = new MockLanguageModel({ doGenerate: textResult('answer') });
        try {
          const result = await generateText({
            model: wrapLanguageModel({ model, middleware }),
            prompt: 'How can I improve user retention?',
            providerOptions: { adstract: goodContext },
          });
          expect(result.text).toBe('answer');
        } catch (error) {
          expect((options as { strict?: unknown }).strict).toBe(true);
          expect(AdSDKError.isInstance(error), String(error)).toBe(true);
        }
        await middleware.flush();
        expectNoPollution();
      }),
      { numRuns: 600 },
    );
    // Both outcomes were exercised, so the property is not vacuous.
    expect(accepted).toBeGreaterThan(10);
    expect(rejected).toBeGreaterThan(10);
  });

  it('new Adstract(anything): an instance, or a ValidationError naming the field', () => {
    const clientOptions = fc.oneof(
      { weight: 1, arbitrary: fc.oneof(nasty, fc.constant(null)) },
      {
        weight: 4,
        arbitrary: optionsOf({
          apiKey: mostly(fc.constantFrom('adpk_test_0123456789', 'short', ' '.repeat(20))),
          baseURL: mostly(fc.constantFrom('http://adstract.test', 'https://a.test/', 'no url')),
          timeoutMs: mostly(timerMs),
          retries: mostly(fc.integer({ min: 0, max: 5 })),
          backoffFactorMs: mostly(fc.integer({ min: 0, max: 10_000 })),
          maxBackoffMs: mostly(fc.integer({ min: 0, max: 10_000 })),
          wrappingType: mostly(fc.constantFrom(...WRAPPING_TYPES)),
          fetch: mostly(fc.constant(recordingFetch)),
          sdk: mostly(fc.constant({ name: 'fuzz', version: '1.0.0' })),
        }),
      },
    );
    let accepted = 0;
    fc.assert(
      fc.property(clientOptions, (options) => {
        sent.length = 0;
        try {
          // biome-ignore lint/suspicious/noExplicitAny: the point is to feed anything.
          expect(new Adstract(options as any)).toBeInstanceOf(Adstract);
          accepted++;
        } catch (error) {
          expectTypedRejection(error);
        }
        expect(sent).toEqual([]);
        expectNoPollution();
      }),
      { numRuns: 300 },
    );
    expect(accepted).toBeGreaterThan(10);
  });
});
