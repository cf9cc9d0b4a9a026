import { AdSDKError } from '@adstract/client';
import { generateText, wrapLanguageModel } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adstractMiddleware } from './adstract-middleware.js';
import { adstractContextFromRequest } from './request-context.js';
import { createFakeAdstract } from './testing/fake-adstract.js';
import { textResult } from './testing/mock-model.js';

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
        const model = new MockLanguageModelV4({ doGenerate: textResult('answer') });
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
            ]).toContain(key);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
