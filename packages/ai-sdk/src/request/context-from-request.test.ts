import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { MissingParameterError, ValidationError, validateOptionalContext } from '@adstract/client';
import type { SharedV4ProviderOptions } from '@ai-sdk/provider';
import { generateText, wrapLanguageModel } from 'ai';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adstractMiddleware } from '../adstract-middleware.js';
import type { AdstractCallContext } from '../options/middleware-options.js';
import type { AdstractOutcomeEvent } from '../options/outcome-event.js';
import { createFakeAdstract } from '../testing/fake-adstract.js';
import { MockLanguageModel, textResult } from '../testing/mock-model.js';
import { adstractContextFromRequest, type HeaderSource } from './context-from-request.js';
import { MAX_PLACE_LENGTH } from './platform-geo.js';

const request = (headers: Record<string, string>) =>
  new Request('https://app.example/api/chat', { method: 'POST', headers });

afterEach(() => {
  vi.unstubAllEnvs();
});

/** The field of the ValidationError `call` throws; fails on any other error or none. */
const fieldOf = (call: () => unknown): string | undefined => {
  try {
    call();
  } catch (error) {
    if (ValidationError.isInstance(error)) return error.field;
    throw error;
  }
  throw new Error('expected a ValidationError');
};

describe('adstractContextFromRequest', () => {
  const vercel = {
    'user-agent': 'Mozilla/5.0',
    'x-vercel-forwarded-for': '203.0.113.1',
    'x-vercel-ip-country': 'PT',
    'x-vercel-ip-country-region': '11',
    'x-vercel-ip-city': 'S%C3%A3o%20Paulo',
  };

  it('builds the context with decoded, validated geo fields', () => {
    expect(
      adstractContextFromRequest(request(vercel), { sessionId: 'chat-1', ipSource: 'vercel' }),
    ).toEqual({
      sessionId: 'chat-1',
      userAgent: 'Mozilla/5.0',
      userIp: '203.0.113.1',
      country: 'PT',
      region: '11',
      city: 'São Paulo',
    });
  });

  it('drops invalid geo values instead of sending them', () => {
    const context = adstractContextFromRequest(
      request({
        'user-agent': 'ua',
        'cf-connecting-ip': '203.0.113.3',
        'cf-ipcountry': 'T1',
        'cf-region': 'r'.repeat(MAX_PLACE_LENGTH + 1),
        'cf-ipcity': '%E0%A4%A',
      }),
      { sessionId: 's', ipSource: 'cloudflare' },
    );
    expect(context).toEqual({ sessionId: 's', userAgent: 'ua', userIp: '203.0.113.3' });
  });

  it('reads geo headers only from the platform it trusts, and not with geo: false', () => {
    const headers = request({ ...vercel, 'x-real-ip': '203.0.113.8' });
    expect(
      adstractContextFromRequest(headers, { sessionId: 's', ipSource: { header: 'x-real-ip' } }),
    ).toEqual({ sessionId: 's', userAgent: 'Mozilla/5.0', userIp: '203.0.113.8' });
    expect(
      adstractContextFromRequest(headers, { sessionId: 's', ipSource: 'vercel', geo: false }),
    ).toEqual({ sessionId: 's', userAgent: 'Mozilla/5.0', userIp: '203.0.113.1' });
  });

  it('sends only the required context under Global Privacy Control by default', () => {
    const context = adstractContextFromRequest(request({ ...vercel, 'sec-gpc': '1' }), {
      sessionId: 'chat-1',
      ipSource: 'vercel',
    });
    expect(context).toEqual({
      sessionId: 'chat-1',
      userAgent: 'Mozilla/5.0',
      userIp: '203.0.113.1',
      privacy: 'minimal',
    });
    expect(
      adstractContextFromRequest(request({ ...vercel, 'sec-gpc': '1' }), {
        sessionId: 'chat-1',
        ipSource: 'vercel',
        gpc: 'ignore',
      }),
    ).toMatchObject({ country: 'PT' });
  });

  it('can skip ads entirely under GPC, and treats a refused consent the same way', () => {
    expect(
      adstractContextFromRequest(request({ ...vercel, 'sec-gpc': '1' }), {
        sessionId: 's',
        ipSource: 'vercel',
        gpc: 'skip-ads',
      }),
    ).toEqual({ disabled: true });
    expect(
      adstractContextFromRequest(request(vercel), {
        sessionId: 's',
        ipSource: 'vercel',
        consent: false,
      }),
    ).toEqual({
      sessionId: 's',
      userAgent: 'Mozilla/5.0',
      userIp: '203.0.113.1',
      privacy: 'minimal',
    });
    expect(
      adstractContextFromRequest(request(vercel), {
        sessionId: 's',
        ipSource: 'vercel',
        consent: false,
        gpc: 'skip-ads',
      }),
    ).toEqual({ disabled: true });
    // Consent never overrides a GPC signal.
    expect(
      adstractContextFromRequest(request({ ...vercel, 'sec-gpc': '1' }), {
        sessionId: 's',
        ipSource: 'vercel',
        consent: true,
        gpc: 'skip-ads',
      }),
    ).toEqual({ disabled: true });
  });

  it('accepts Node-style headers, wrapped or bare, with any name case', () => {
    const headers = {
      'User-Agent': 'node-ua',
      'x-forwarded-for': ['6.6.6.6', '198.51.100.4'],
    };
    for (const source of [headers, { headers }]) {
      expect(
        adstractContextFromRequest(source, { sessionId: 's', ipSource: { trustedProxies: 1 } }),
      ).toEqual({ sessionId: 's', userAgent: 'node-ua', userIp: '198.51.100.4' });
    }
  });

  it('trusts no IP header by default off Vercel: userIp is absent, never the spoofable XFF', () => {
    vi.stubEnv('VERCEL', '');
    const spoofed = request({ 'user-agent': 'ua', 'x-forwarded-for': '6.6.6.6' });
    expect(adstractContextFromRequest(spoofed, { sessionId: 's' })).toEqual({
      sessionId: 's',
      userAgent: 'ua',
    });
    vi.stubEnv('VERCEL', '1');
    expect(
      adstractContextFromRequest(request({ ...vercel, 'x-forwarded-for': '6.6.6.6' }), {
        sessionId: 's',
      }),
    ).toMatchObject({ userIp: '203.0.113.1', country: 'PT' });
  });

  it('leaves out an IP that is not an address, and a blank user agent', () => {
    for (const garbage of ['unknown', 'not-an-ip', 'evil']) {
      const context = adstractContextFromRequest(
        request({ 'user-agent': '  ', 'x-real-ip': garbage }),
        { sessionId: 's', ipSource: { header: 'x-real-ip' } },
      );
      expect(context).toEqual({ sessionId: 's' });
    }
  });

  it('so the middleware skips the ad with a MissingParameterError for userIp, sending nothing', async () => {
    const fake = createFakeAdstract();
    const errors: unknown[] = [];
    const events: AdstractOutcomeEvent[] = [];
    const middleware = adstractMiddleware({
      apiKey: 'adpk_test_0123456789',
      baseURL: 'http://adstract.test',
      fetch: fake.fetch,
      onError: (error) => errors.push(error),
      onOutcome: (event) => events.push(event),
    });
    const adstract = adstractContextFromRequest(
      request({ 'user-agent': 'ua', 'x-real-ip': 'unknown' }),
      { sessionId: 's', ipSource: { header: 'x-real-ip' } },
    );
    const result = await generateText({
      model: wrapLanguageModel({
        model: new MockLanguageModel({ doGenerate: textResult('Plain answer.') }),
        middleware,
      }),
      prompt: 'How can I improve user retention?',
      providerOptions: { adstract },
    });
    await middleware.flush();
    expect(result.text).toBe('Plain answer.');
    expect(fake.starts).toHaveLength(0);
    expect(errors).toHaveLength(1);
    expect(MissingParameterError.isInstance(errors[0])).toBe(true);
    expect((errors[0] as MissingParameterError).field).toBe('providerOptions.adstract.userIp');
    expect(events).toContainEqual({ type: 'skipped', reason: 'invalid-context' });
  });
});

describe('bad input', () => {
  const headers = request({ 'user-agent': 'ua', 'x-real-ip': '203.0.113.1' });
  type Options = Parameters<typeof adstractContextFromRequest>[1];
  const call = (source: unknown, options: unknown) => () =>
    adstractContextFromRequest(source as Request, options as Options);

  it('throws a ValidationError naming the request, never a TypeError', () => {
    expect(fieldOf(call(null, { sessionId: 's' }))).toBe('request');
    expect(fieldOf(call(undefined, { sessionId: 's' }))).toBe('request');
    expect(fieldOf(call('x-real-ip: 1.2.3.4', { sessionId: 's' }))).toBe('request');
    expect(fieldOf(call({ headers: null }, { sessionId: 's' }))).toBe('request.headers');
  });

  it('never throws for a session id read from the request: it leaves it out instead', () => {
    for (const sessionId of [undefined, 42, Number.NaN, null, '', '   ', {}, ['s'], true]) {
      const context = adstractContextFromRequest(headers, { sessionId } as unknown as Options);
      expect(context, String(sessionId)).not.toHaveProperty('sessionId');
      expect(context).toEqual({ userAgent: 'ua' });
    }
  });

  it('throws a ValidationError naming the option', () => {
    expect(fieldOf(call(headers, undefined))).toBe('options');
    expect(fieldOf(call(headers, null))).toBe('options');
    expect(fieldOf(call(headers, 'chat-1'))).toBe('options');
    for (const ipSource of ['aws', Number.NaN, null, { trustedProxies: 0 }, { proxies: 1 }]) {
      expect(fieldOf(call(headers, { sessionId: 's', ipSource })), String(ipSource)).toMatch(
        /^options\.ipSource/,
      );
    }
    expect(fieldOf(call(headers, { sessionId: 's', ipSource: { trustedProxies: 0.5 } }))).toBe(
      'options.ipSource.trustedProxies',
    );
    expect(fieldOf(call(headers, { sessionId: 's', gpc: 'off' }))).toBe('options.gpc');
    expect(fieldOf(call(headers, { sessionId: 's', geo: 'yes' }))).toBe('options.geo');
    expect(fieldOf(call(headers, { sessionId: 's', consent: Number.NaN }))).toBe('options.consent');
    expect(fieldOf(call(headers, { sessionId: 's', ipsource: 'vercel' }))).toBe('options.ipsource');
  });
});

describe('property: any header record gives a valid context or a typed error', () => {
  const RELEVANT = [
    'user-agent',
    'sec-gpc',
    'x-forwarded-for',
    'x-vercel-forwarded-for',
    'x-real-ip',
    'cf-connecting-ip',
    'x-vercel-ip-country',
    'x-vercel-ip-country-region',
    'x-vercel-ip-city',
    'cf-ipcountry',
    'cf-region',
    'cf-ipcity',
  ];
  const HUGE = [
    'a'.repeat(100_000),
    '203.0.113.1, '.repeat(8_000),
    '%'.repeat(100_000),
    `${'é'.repeat(50_000)}`,
  ];
  const headerText = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom('', ' ', '1', 'unknown', 'evil', 'XX', 'T1', 'de', 'ß', '%E0%A4%A', ...HUGE),
    fc.ipV4(),
    fc.ipV6(),
    fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 99_999 })).map(([ip, port]) => `${ip}:${port}`),
    fc.ipV6().map((ip) => `[${ip}]:443`),
    fc
      .array(fc.oneof(fc.ipV4(), fc.constant('unknown')), { maxLength: 4 })
      .map((hops) => hops.join(', ')),
  );
  const headerValue = fc.oneof(
    { weight: 6, arbitrary: headerText },
    { weight: 2, arbitrary: fc.array(headerText, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.anything() },
  );
  const headerName = fc.oneof(
    { weight: 5, arbitrary: fc.mixedCase(fc.constantFrom(...RELEVANT)) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '__proto__',
        'constructor',
        'prototype',
        'toString',
        'hasOwnProperty',
        'headers',
        'get',
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  );
  const record = fc.dictionary(headerName, headerValue, { maxKeys: 10 });
  const source = fc.oneof(
    { weight: 4, arbitrary: record },
    { weight: 3, arbitrary: record.map((headers) => ({ headers })) },
    { weight: 1, arbitrary: fc.anything() },
  );
  const ipSource = fc.oneof(
    {
      weight: 5,
      arbitrary: fc.constantFrom(
        undefined,
        'vercel',
        'cloudflare',
        { header: 'x-real-ip' },
        { header: 'CF-Connecting-IP' },
        { trustedProxies: 1 },
        { trustedProxies: 3 },
      ),
    },
    { weight: 1, arbitrary: headerText.map((ip) => ({ ip })) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.anything(),
        fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 0).map((n) => ({
          trustedProxies: n,
        })),
      ),
    },
  );
  const options = fc.record(
    {
      sessionId: fc.oneof(
        { weight: 5, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }) },
        { weight: 1, arbitrary: fc.anything() },
      ),
      ipSource,
      geo: fc.oneof(fc.boolean(), fc.anything()),
      gpc: fc.oneof(fc.constantFrom('minimal', 'skip-ads', 'ignore'), fc.anything()),
      consent: fc.oneof(fc.boolean(), fc.anything()),
    },
    { requiredKeys: ['sessionId'] },
  );

  const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();

  /** Every field passes the client's own validators; userIp is an address; nothing else is there. */
  function expectValid(context: AdstractCallContext) {
    expect(Object.getPrototypeOf(context)).toBe(Object.prototype);
    if (context.disabled === true) {
      expect(context).toEqual({ disabled: true });
      return;
    }
    const { sessionId, userAgent, userIp, privacy, ...optional } = context;
    if (privacy !== undefined) expect(privacy).toBe('minimal');
    // Header values are passed on as read (the middleware applies the client's size and address
    // rules to every source alike, and reports why): here they are only well-typed and non-empty.
    for (const value of [sessionId, userAgent]) {
      if (value !== undefined) expect(typeof value === 'string' && value.trim() !== '').toBe(true);
    }
    if (userIp !== undefined) expect(isIP(userIp)).not.toBe(0);
    validateOptionalContext(optional);
    for (const place of [optional.region, optional.city]) {
      if (place !== undefined) expect(place.length).toBeLessThanOrEqual(MAX_PLACE_LENGTH);
    }
    expect(['XX', 'T1']).not.toContain(optional.country);
  }

  function check(headers: unknown, settings: unknown) {
    let context: AdstractCallContext | undefined;
    try {
      context = adstractContextFromRequest(headers as Request, settings as { sessionId: string });
    } catch (error) {
      // Only typed errors, naming the request or an option.
      expect(ValidationError.isInstance(error), String(error)).toBe(true);
      expect((error as ValidationError).field).toMatch(/^(request|options)/);
    }
    if (context !== undefined) expectValid(context);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
  }

  it('with valid options, header records never throw', () => {
    // A `headers` key holding an object or null is read as a wrapper (`{ headers: null }` throws).
    const unambiguous = record.filter(
      (headers) =>
        !Object.hasOwn(headers, 'headers') ||
        typeof headers.headers === 'string' ||
        Array.isArray(headers.headers),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          unambiguous,
          record.map((headers) => ({ headers })),
        ),
        fc.constantFrom<Options>(
          { sessionId: 's' },
          { sessionId: 's', ipSource: 'vercel' },
          { sessionId: 's', ipSource: 'cloudflare', gpc: 'ignore' },
          { sessionId: 's', ipSource: { header: 'x-real-ip' } },
          { sessionId: 's', ipSource: { trustedProxies: 2 } },
        ),
        (headers, settings) => {
          // Values outside the declared types (numbers, objects) are part of the point.
          const context = adstractContextFromRequest(headers as HeaderSource, settings);
          expectValid(context);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('with anything at all, returns a valid context or throws a ValidationError', () => {
    fc.assert(fc.property(source, options, check), { numRuns: 1_000 });
  });

  it('never pollutes a prototype through __proto__ or constructor keys', () => {
    const hostile = JSON.parse(
      `{"__proto__": {"polluted": "yes", "user-agent": "proto"},
        "constructor": {"prototype": {"polluted": "yes"}},
        "user-agent": "ua", "x-real-ip": "203.0.113.1"}`,
    ) as Record<string, string>;
    for (const headers of [hostile, { headers: hostile }]) {
      check(headers, { sessionId: 's', ipSource: { header: 'x-real-ip' } });
      expect(
        adstractContextFromRequest(headers, { sessionId: 's', ipSource: { header: 'x-real-ip' } }),
      ).toEqual({ sessionId: 's', userAgent: 'ua', userIp: '203.0.113.1' });
    }
    check(hostile, JSON.parse('{"sessionId": "s", "__proto__": {"polluted": "yes"}}'));
  });

  type Options = Parameters<typeof adstractContextFromRequest>[1];
});

describe('types', () => {
  it('returns a context that is a JSONObject, so it fits providerOptions.adstract without a cast', () => {
    const context = adstractContextFromRequest(
      new Request('http://app.test', {
        headers: { 'user-agent': 'ua', 'x-real-ip': '203.0.113.1' },
      }),
      {
        sessionId: 's',
        ipSource: 'vercel',
      },
    );
    const providerOptions: SharedV4ProviderOptions = { adstract: context };
    expect(providerOptions.adstract).toBe(context);
  });

  it('takes a Node IncomingMessage and its headers without a cast', () => {
    const fromNode = (message: IncomingMessage) => [
      adstractContextFromRequest(message, { sessionId: 's', ipSource: { header: 'x-real-ip' } }),
      adstractContextFromRequest(message.headers, { sessionId: 's' }),
    ];
    const message = { headers: { 'user-agent': 'node', 'x-real-ip': '203.0.113.1' } };
    expect(fromNode(message as unknown as IncomingMessage)[0]).toEqual({
      sessionId: 's',
      userAgent: 'node',
      userIp: '203.0.113.1',
    });
  });
});
