import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Adstract, type AdstractOptions } from './adstract.js';
import { ValidationError } from './errors/index.js';
import {
  ACKNOWLEDGE_PATH,
  AD_RESPONSE_ID,
  API_KEY,
  context,
  intercept,
  okBody,
  START_PATH,
  useNock,
} from './testing/adstract-server.js';
import { SDK_NAME, VERSION } from './version.js';

useNock();
const prompt = 'How can I improve user retention?';

beforeEach(() => {
  vi.stubEnv('ADSTRACT_API_KEY', '');
  vi.stubEnv('ADSTRACT_BASE_URL', '');
});

afterEach(() => {
  vi.unstubAllEnvs();
});

function constructionError(options: AdstractOptions): unknown {
  try {
    new Adstract(options);
  } catch (error) {
    return error;
  }
  throw new Error('expected the constructor to throw');
}

describe('constructor', () => {
  it('requires an API key', () => {
    const error = constructionError({});
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field: 'apiKey' });
    expect((error as Error).message).toMatch(/apiKey is required .* ADSTRACT_API_KEY/);
  });

  it.each(['', 'adpk_123', '123456789', '   adpk_1   '])(
    'rejects the key %j (shorter than 10 characters once trimmed) without echoing it',
    (apiKey) => {
      const error = constructionError({ apiKey });
      expect(error).toMatchObject({ name: 'ValidationError', field: 'apiKey' });
      if (apiKey.trim() !== '') expect((error as Error).message).not.toContain(apiKey.trim());
    },
  );

  it.each([
    ['null', null],
    ['a string (the API key by mistake)', API_KEY],
    ['a number', 42],
    ['an array', [API_KEY]],
  ])('rejects options that are %s with ValidationError naming the options', (_case, options) => {
    const error = constructionError(options as never);
    expect(ValidationError.isInstance(error), String(error)).toBe(true);
    expect(error).toMatchObject({ field: 'options' });
    expect((error as Error).message).toMatch(/^options must be an object/);
    expect((error as Error).message).not.toContain(API_KEY);
  });

  it('accepts undefined options (everything from the environment)', () => {
    vi.stubEnv('ADSTRACT_API_KEY', API_KEY);
    expect(() => new Adstract(undefined)).not.toThrow();
  });

  it('accepts a key of exactly 10 characters', () => {
    expect(() => new Adstract({ apiKey: '0123456789' })).not.toThrow();
  });

  it('reads the key from ADSTRACT_API_KEY when none is passed', async () => {
    vi.stubEnv('ADSTRACT_API_KEY', 'adpk_from_environment_01');
    const server = intercept(START_PATH, [200, okBody()]);
    await new Adstract().requestAd({ prompt, context });
    expect(server.requests[0]?.headers.get('x-adstract-api-key')).toBe('adpk_from_environment_01');
  });

  it('prefers the passed key over ADSTRACT_API_KEY', async () => {
    vi.stubEnv('ADSTRACT_API_KEY', 'adpk_from_environment_01');
    const server = intercept(START_PATH, [200, okBody()]);
    await new Adstract({ apiKey: API_KEY }).requestAd({ prompt, context });
    expect(server.requests[0]?.headers.get('x-adstract-api-key')).toBe(API_KEY);
  });

  it.each([
    [
      'an unknown wrappingType',
      { wrappingType: 'html' },
      'wrappingType',
      /must be one of xml, plain, markdown/,
    ],
    ['a baseURL that is not a URL', { baseURL: 'api.adstract.ai' }, 'baseURL', /http\(s\) URL/],
    [
      'a baseURL that is not http(s)',
      { baseURL: 'ftp://api.adstract.ai' },
      'baseURL',
      /http\(s\) URL/,
    ],
    ['timeoutMs 0', { timeoutMs: 0 }, 'timeoutMs', /must be an integer ≥ 1 and ≤ 2147483647/],
    ['timeoutMs NaN', { timeoutMs: Number.NaN }, 'timeoutMs', /must be an integer ≥ 1/],
    ['a fractional timeoutMs', { timeoutMs: 1_500.5 }, 'timeoutMs', /must be an integer ≥ 1/],
    ['a timeoutMs beyond 2^31 − 1', { timeoutMs: 2 ** 31 }, 'timeoutMs', /≤ 2147483647/],
    ['retries -1', { retries: -1 }, 'retries', /must be an integer ≥ 0 and ≤ 5/],
    ['retries 6', { retries: 6 }, 'retries', /must be an integer ≥ 0 and ≤ 5/],
    ['retries 1.5', { retries: 1.5 }, 'retries', /must be an integer/],
    ['a negative backoffFactorMs', { backoffFactorMs: -1 }, 'backoffFactorMs', /≥ 0/],
    ['a negative maxBackoffMs', { maxBackoffMs: -1 }, 'maxBackoffMs', /≥ 0/],
    ['a maxBackoffMs beyond 2^31 − 1', { maxBackoffMs: 2 ** 31 }, 'maxBackoffMs', /≤ 2147483647/],
    ['a fetch that is not a function', { fetch: 'fetch' }, 'fetch', /must be a function/],
    [
      'an sdk identity without a version',
      { sdk: { name: 'x', version: '' } },
      'sdk',
      /non-empty strings/,
    ],
  ])('rejects %s with ValidationError', (_case, options, field, rule) => {
    const error = constructionError({ apiKey: API_KEY, ...(options as AdstractOptions) });
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field });
    expect((error as Error).message).toMatch(new RegExp(`^${field}`));
    expect((error as Error).message).toMatch(rule);
  });

  it('uses ADSTRACT_BASE_URL when no baseURL is passed', async () => {
    vi.stubEnv('ADSTRACT_BASE_URL', 'http://localhost:4010');
    const fetch = vi.fn<typeof globalThis.fetch>(async () => Response.json(okBody()));
    await new Adstract({ apiKey: API_KEY, fetch }).requestAd({ prompt, context });
    expect(String(fetch.mock.calls[0]?.[0])).toBe(`http://localhost:4010${START_PATH}`);
  });

  it('prefers the passed baseURL, without a trailing slash', async () => {
    vi.stubEnv('ADSTRACT_BASE_URL', 'http://localhost:4010');
    const fetch = vi.fn<typeof globalThis.fetch>(async () => Response.json(okBody()));
    await new Adstract({ apiKey: API_KEY, baseURL: 'https://sandbox.example//', fetch }).requestAd({
      prompt,
      context,
    });
    expect(String(fetch.mock.calls[0]?.[0])).toBe(`https://sandbox.example${START_PATH}`);
  });

  it('rejects an invalid ADSTRACT_BASE_URL', () => {
    vi.stubEnv('ADSTRACT_BASE_URL', 'localhost:4010');
    expect(constructionError({ apiKey: API_KEY })).toMatchObject({ field: 'baseURL' });
  });

  it('defaults to https://api.adstract.ai', async () => {
    const server = intercept(START_PATH, [200, okBody()]);
    await new Adstract({ apiKey: API_KEY }).requestAd({ prompt, context });
    expect(server.requests).toHaveLength(1);
    server.scope.done();
  });

  it('sends through the injected fetch, not the global one', async () => {
    const server = intercept(START_PATH, [200, okBody()]);
    const fetch = vi.fn<typeof globalThis.fetch>(async () => Response.json(okBody()));
    const result = await new Adstract({ apiKey: API_KEY, fetch }).requestAd({ prompt, context });
    expect(result.success).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(server.requests).toHaveLength(0);
  });
});

describe('on the wire', () => {
  const expectedHeaders = {
    'content-type': 'application/json',
    accept: 'application/json',
    'x-adstract-api-key': API_KEY,
    'x-adstract-sdk': SDK_NAME,
    'x-adstract-sdk-version': VERSION,
  };

  it('start: POSTs the documented body and headers, with diagnostics', async () => {
    const server = intercept(START_PATH, [200, okBody()]);
    await new Adstract({ apiKey: API_KEY }).requestAd({ prompt, context });

    const [request] = server.requests;
    expect(request?.path).toBe(START_PATH);
    expect(Object.fromEntries(request?.headers ?? [])).toMatchObject(expectedHeaders);
    expect(request?.body).toEqual({
      prompt,
      request_context: {
        session_id: context.sessionId,
        user_agent: context.userAgent,
        user_ip: context.userIp,
      },
      request_configuration: { wrapping_type: 'xml' },
      diagnostics: { type: 'sdk', name: SDK_NAME, version: VERSION },
    });
  });

  it('start: sends optional_context when given, and leaves it out when empty', async () => {
    const optionalContext = {
      country: 'US',
      region: 'California',
      city: 'San Francisco',
      asn: 15169,
      age: 21,
      gender: 'female',
    } as const;
    const server = intercept(START_PATH, [200, okBody()], [200, okBody()]);
    const client = new Adstract({ apiKey: API_KEY });
    await client.requestAd({ prompt, context, optionalContext });
    await client.requestAd({ prompt, context, optionalContext: {} });
    expect(server.requests[0]?.body.optional_context).toEqual(optionalContext);
    expect(server.requests[1]?.body).not.toHaveProperty('optional_context');
  });

  it('start: sends the client wrappingType, overridable per call', async () => {
    const server = intercept(START_PATH, [200, okBody()], [200, okBody()]);
    const client = new Adstract({ apiKey: API_KEY, wrappingType: 'plain' });
    await client.requestAd({ prompt, context });
    await client.requestAd({ prompt, context, wrappingType: 'markdown' });
    expect(server.requests.map((request) => request.body.request_configuration)).toEqual([
      { wrapping_type: 'plain' },
      { wrapping_type: 'markdown' },
    ]);
  });

  it('acknowledge: POSTs ad_response_id and llm_response with the same headers', async () => {
    const server = intercept(ACKNOWLEDGE_PATH, [
      200,
      { ad_ack_id: 'ack-1', status: 'ok', success: true },
    ]);
    await new Adstract({ apiKey: API_KEY }).acknowledge({
      adResponseId: AD_RESPONSE_ID,
      llmResponse: 'Here is the full response text.',
    });

    const [request] = server.requests;
    expect(request?.path).toBe(ACKNOWLEDGE_PATH);
    expect(Object.fromEntries(request?.headers ?? [])).toMatchObject(expectedHeaders);
    expect(request?.body).toEqual({
      ad_response_id: AD_RESPONSE_ID,
      llm_response: 'Here is the full response text.',
      diagnostics: { type: 'sdk', name: SDK_NAME, version: VERSION },
    });
  });

  it('sends a custom SDK identity in headers and diagnostics', async () => {
    const server = intercept(START_PATH, [200, okBody()]);
    const sdk = { name: '@adstract/ai-sdk', version: '9.9.9' };
    await new Adstract({ apiKey: API_KEY, sdk }).requestAd({ prompt, context });
    const [request] = server.requests;
    expect(request?.headers.get('x-adstract-sdk')).toBe('@adstract/ai-sdk');
    expect(request?.headers.get('x-adstract-sdk-version')).toBe('9.9.9');
    expect(request?.body.diagnostics).toEqual({ type: 'sdk', ...sdk });
  });
});
