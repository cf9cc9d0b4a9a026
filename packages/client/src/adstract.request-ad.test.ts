import { describe, expect, it, vi } from 'vitest';
import { Adstract, type RequestAdParams } from './adstract.js';
import {
  AdEnhancementError,
  type AdSDKError,
  AuthenticationError,
  DuplicateAdRequestError,
  MissingParameterError,
  NetworkError,
  NoFillError,
  PromptRejectedError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
  ValidationError,
} from './errors/index.js';
import {
  AD_RESPONSE_ID,
  API_KEY,
  context,
  expectNothingSent,
  intercept,
  okBody,
  type Reply,
  rejectionOf,
  START_PATH,
  unfilledBody,
  useNock,
} from './testing/adstract-server.js';

const nockState = useNock();
const prompt = 'How can I improve user retention?';
const client = () => new Adstract({ apiKey: API_KEY });

type ErrorClass = { isInstance(error: unknown): boolean; name: string };

describe('requestAd: 200, 201, 202', () => {
  it('200 → the enhanced prompt, success, and the parsed response', async () => {
    const server = intercept(START_PATH, [200, okBody()]);
    const result = await client().requestAd({ prompt, context });
    expect(result).toEqual({
      prompt: 'ENHANCED: How can I improve user retention?',
      success: true,
      sessionId: context.sessionId,
      error: undefined,
      adResponse: {
        adRequestId: 'request-1',
        adResponseId: AD_RESPONSE_ID,
        status: 'ok',
        success: true,
        executionTimeMs: 1987.96,
        enhancedPrompt: 'ENHANCED: How can I improve user retention?',
        productName: 'Adstract – LLM Advertising',
        httpStatus: 200,
      },
    });
    server.scope.done();
  });

  it.each([
    [201, 'rejected', PromptRejectedError],
    [202, 'no_fill', NoFillError],
  ] as const)('%d (%s) throws by default', async (status, adStatus, ErrorType) => {
    intercept(START_PATH, [status, unfilledBody(adStatus)]);
    const error = await rejectionOf(client().requestAd({ prompt, context }));
    expect(ErrorType.isInstance(error)).toBe(true);
    expect(AdEnhancementError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: status });
  });

  it.each([
    [201, 'rejected', PromptRejectedError],
    [202, 'no_fill', NoFillError],
  ] as const)(
    '%d (%s) in fallback mode → the original prompt, the response and the error',
    async (status, adStatus, ErrorType) => {
      intercept(START_PATH, [status, unfilledBody(adStatus)]);
      const result = await client().requestAd({ prompt, context, raiseException: false });
      expect(result).toMatchObject({
        prompt,
        success: false,
        sessionId: context.sessionId,
        adResponse: { status: adStatus, success: false, enhancedPrompt: null, httpStatus: status },
      });
      expect(ErrorType.isInstance(result.error)).toBe(true);
    },
  );
});

describe('requestAd: failures, thrown and in fallback mode', () => {
  const failures: Array<[string, Reply, ErrorClass, number | undefined]> = [
    ['400', [400, { detail: 'Invalid API key format' }], AuthenticationError, 400],
    ['401', [401, { detail: 'Invalid API key' }], AuthenticationError, 401],
    ['403', [403, { detail: 'Platform paused' }], AuthenticationError, 403],
    ['409', [409, { detail: 'Duplicate' }], DuplicateAdRequestError, 409],
    ['429', [429, { detail: 'Slow down' }], RateLimitError, 429],
    ['500', [500, 'Internal Server Error'], ServerError, 500],
    ['503', [503, ''], ServerError, 503],
    ['404 (undocumented)', [404, 'Not Found'], UnexpectedResponseError, 404],
    ['422 (undocumented)', [422, { detail: [] }], UnexpectedResponseError, 422],
    ['200 with invalid JSON', [200, '<!doctype html><p>gateway'], UnexpectedResponseError, 200],
    ['200 with an empty body', [200, ''], UnexpectedResponseError, 200],
    ['200 with a body of the wrong shape', [200, { status: 'ok' }], UnexpectedResponseError, 200],
    ['200 with success false', [200, okBody({ success: false })], UnexpectedResponseError, 200],
    ['201 with status ok', [201, okBody()], UnexpectedResponseError, 201],
    ['a network failure', { error: 'ECONNRESET' }, NetworkError, undefined],
  ];

  const named = failures.map(
    ([name, reply, type, status]) => [name, type.name, reply, type, status] as const,
  );

  it.each(named)('%s → throws %s', async (_case, _name, reply, ErrorType, statusCode) => {
    const server = intercept(START_PATH, reply);
    const error = await rejectionOf(client().requestAd({ prompt, context }));
    expect(ErrorType.isInstance(error), String(error)).toBe(true);
    expect((error as AdSDKError).name).toBe(ErrorType.name);
    expect((error as AdSDKError).statusCode).toBe(statusCode);
    expect(server.requests).toHaveLength(1);
  });

  it.each(named)(
    '%s → fallback: original prompt and %s in error',
    async (_case, _name, reply, ErrorType) => {
      intercept(START_PATH, reply);
      const result = await client().requestAd({ prompt, context, raiseException: false });
      expect(result).toMatchObject({
        prompt,
        success: false,
        sessionId: context.sessionId,
        adResponse: undefined,
      });
      expect(ErrorType.isInstance(result.error)).toBe(true);
    },
  );

  it('keeps a short snippet of the answer in responseBody', async () => {
    intercept(START_PATH, [500, 'x'.repeat(2_000)]);
    const error = await rejectionOf(client().requestAd({ prompt, context }));
    expect((error as AdSDKError).responseBody).toBe(`${'x'.repeat(500)}…`);
  });

  it('keeps the original error of a network failure as the cause', async () => {
    intercept(START_PATH, { error: 'socket hang up' });
    const error = await rejectionOf(client().requestAd({ prompt, context }));
    expect(error).toMatchObject({ name: 'NetworkError', reason: 'network' });
    expect(String((error as Error).cause)).toMatch(/fetch failed|socket hang up/);
  });

  it('wraps an unexpected throw from an injected fetch as a network failure', async () => {
    const fetch = async (): Promise<Response> => {
      throw new RangeError('broken fetch');
    };
    const error = await rejectionOf(
      new Adstract({ apiKey: API_KEY, fetch }).requestAd({ prompt, context }),
    );
    expect(error).toMatchObject({ name: 'NetworkError', reason: 'network' });
    expect((error as Error).cause).toBeInstanceOf(RangeError);
  });
});

describe('requestAd: what is sent', () => {
  it.each([
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:0DB8:0000:0000:0000:0000:0000:0077', '2001:db8::77'],
  ])('sends the userIp %s in its canonical spelling %s', async (userIp, canonical) => {
    const server = intercept(START_PATH, [200, okBody()]);
    await client().requestAd({ prompt, context: { ...context, userIp } });
    expect(server.requests[0]?.body.request_context).toEqual({
      session_id: context.sessionId,
      user_agent: context.userAgent,
      user_ip: canonical,
    });
  });

  it('sends a prompt, sessionId, userAgent and city exactly at their limits, unchanged', async () => {
    const server = intercept(START_PATH, [200, okBody()]);
    const atLimits = {
      prompt: `${'p'.repeat(32_767)}\n`,
      context: { sessionId: 's'.repeat(256), userAgent: 'u'.repeat(1_024), userIp: context.userIp },
      optionalContext: { city: 'c'.repeat(100), region: 'r'.repeat(100) },
    };
    await client().requestAd(atLimits);
    expect(server.requests[0]?.body).toMatchObject({
      prompt: atLimits.prompt,
      request_context: {
        session_id: atLimits.context.sessionId,
        user_agent: atLimits.context.userAgent,
      },
      optional_context: atLimits.optionalContext,
    });
  });
});

describe('requestAd: validation before anything is sent', () => {
  const cases: Array<[string, Record<string, unknown>, ErrorClass, string, RegExp]> = [
    ['a missing prompt', { prompt: undefined }, ValidationError, 'prompt', /prompt is required/],
    ['an empty prompt', { prompt: '' }, ValidationError, 'prompt', /non-empty string/],
    ['a blank prompt', { prompt: ' \n ' }, ValidationError, 'prompt', /non-empty string/],
    [
      'a missing context',
      { context: undefined },
      MissingParameterError,
      'context',
      /context is required/,
    ],
    [
      'a missing sessionId',
      { context: { ...context, sessionId: undefined } },
      MissingParameterError,
      'context.sessionId',
      /required/,
    ],
    [
      'an empty sessionId',
      { context: { ...context, sessionId: '' } },
      MissingParameterError,
      'context.sessionId',
      /non-empty/,
    ],
    [
      'an empty userAgent',
      { context: { ...context, userAgent: '' } },
      MissingParameterError,
      'context.userAgent',
      /non-empty/,
    ],
    [
      'a blank userIp',
      { context: { ...context, userIp: '  ' } },
      MissingParameterError,
      'context.userIp',
      /non-empty/,
    ],
    [
      'an unknown context key',
      { context: { ...context, user_ip: 'x' } },
      ValidationError,
      'context.user_ip',
      /not a known field/,
    ],
    [
      'a lowercase country',
      { optionalContext: { country: 'us' } },
      ValidationError,
      'optionalContext.country',
      /2 uppercase letters/,
    ],
    [
      'a three-letter country',
      { optionalContext: { country: 'USA' } },
      ValidationError,
      'optionalContext.country',
      /2 uppercase letters/,
    ],
    [
      'an age over 120',
      { optionalContext: { age: 121 } },
      ValidationError,
      'optionalContext.age',
      /integer from 0 to 120/,
    ],
    [
      'a negative age',
      { optionalContext: { age: -1 } },
      ValidationError,
      'optionalContext.age',
      /integer from 0 to 120/,
    ],
    [
      'a fractional age',
      { optionalContext: { age: 30.5 } },
      ValidationError,
      'optionalContext.age',
      /integer/,
    ],
    [
      'an unknown gender',
      { optionalContext: { gender: 'unknown' } },
      ValidationError,
      'optionalContext.gender',
      /male, female, other/,
    ],
    [
      'a fractional asn',
      { optionalContext: { asn: 1.5 } },
      ValidationError,
      'optionalContext.asn',
      /non-negative integer/,
    ],
    [
      'a string asn',
      { optionalContext: { asn: '15169' } },
      ValidationError,
      'optionalContext.asn',
      /non-negative integer/,
    ],
    [
      'an empty region',
      { optionalContext: { region: '' } },
      ValidationError,
      'optionalContext.region',
      /non-empty string/,
    ],
    [
      'a non-string city',
      { optionalContext: { city: 94103 } },
      ValidationError,
      'optionalContext.city',
      /non-empty string/,
    ],
    [
      'an unknown optional key',
      { optionalContext: { zip: '94103' } },
      ValidationError,
      'optionalContext.zip',
      /not a known field/,
    ],
    [
      'an optionalContext that is not an object',
      { optionalContext: 'US' },
      ValidationError,
      'optionalContext',
      /must be an object/,
    ],
    [
      'an unknown wrappingType',
      { wrappingType: 'html' },
      ValidationError,
      'wrappingType',
      /xml, plain, markdown/,
    ],
    ['a non-positive timeoutMs', { timeoutMs: 0 }, ValidationError, 'timeoutMs', /integer ≥ 1/],
    ['a fractional timeoutMs', { timeoutMs: 10.5 }, ValidationError, 'timeoutMs', /integer ≥ 1/],
    [
      'a non-positive totalTimeoutMs',
      { totalTimeoutMs: 0 },
      ValidationError,
      'totalTimeoutMs',
      /integer ≥ 1/,
    ],
    [
      'a totalTimeoutMs beyond 2^31 − 1',
      { totalTimeoutMs: 2 ** 31 },
      ValidationError,
      'totalTimeoutMs',
      /≤ 2147483647/,
    ],
    [
      'a 5 MB prompt',
      { prompt: 'p'.repeat(5 * 1024 * 1024) },
      ValidationError,
      'prompt',
      /at most 32768 characters \(UTF-16 code units\); it has 5242880/,
    ],
    [
      'a 1 MB sessionId',
      { context: { ...context, sessionId: 's'.repeat(1024 * 1024) } },
      ValidationError,
      'context.sessionId',
      /at most 256 characters/,
    ],
    [
      'a 1 MB userAgent',
      { context: { ...context, userAgent: 'u'.repeat(1024 * 1024) } },
      ValidationError,
      'context.userAgent',
      /at most 1024 characters/,
    ],
    [
      'a userAgent with a line break',
      { context: { ...context, userAgent: 'Mozilla/5.0\r\nX-Evil: 1' } },
      ValidationError,
      'context.userAgent',
      /control characters \(found U\+000D\)/,
    ],
    [
      'a userIp that is not an IP (a header injection)',
      { context: { ...context, userIp: 'not-an-ip\r\nX-Evil: 1' } },
      ValidationError,
      'context.userIp',
      /must be an IP address/,
    ],
    [
      'a private userIp',
      { context: { ...context, userIp: '10.0.0.7' } },
      ValidationError,
      'context.userIp',
      /private.*proxy misconfiguration/,
    ],
    [
      'a loopback userIp',
      { context: { ...context, userIp: '::1' } },
      ValidationError,
      'context.userIp',
      /loopback/,
    ],
    [
      'an unspecified userIp',
      { context: { ...context, userIp: '0.0.0.0' } },
      ValidationError,
      'context.userIp',
      /unspecified/,
    ],
    [
      'a city of 101 characters',
      { optionalContext: { city: 'c'.repeat(101) } },
      ValidationError,
      'optionalContext.city',
      /at most 100 characters/,
    ],
  ];

  const named = cases.map(
    ([name, overrides, type, field, rule]) =>
      [name, type.name, overrides, type, field, rule] as const,
  );

  it.each(named)(
    '%s → %s naming the field, nothing sent',
    async (_case, _name, overrides, ErrorType, field, rule) => {
      const server = intercept(START_PATH, [200, okBody()]);
      const params = { prompt, context, ...overrides } as RequestAdParams;
      const error = await rejectionOf(client().requestAd(params));
      expect(ErrorType.isInstance(error), String(error)).toBe(true);
      expect((error as AdSDKError).name).toBe(ErrorType.name);
      expect(error).toMatchObject({ field });
      expect((error as Error).message).toMatch(rule);
      expect((error as Error).message.startsWith(field)).toBe(true);
      expectNothingSent(server, nockState);
    },
  );

  it.each(named)(
    '%s → fallback returns %s, nothing sent',
    async (_case, _name, overrides, ErrorType) => {
      const server = intercept(START_PATH, [200, okBody()]);
      const params = { prompt, context, ...overrides, raiseException: false } as RequestAdParams;
      const result = await client().requestAd(params);
      expect(result.success).toBe(false);
      expect(result.adResponse).toBeUndefined();
      expect(ErrorType.isInstance(result.error)).toBe(true);
      expect(result.prompt).toBe(typeof params.prompt === 'string' ? params.prompt : '');
      expectNothingSent(server, nockState);
    },
  );

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'How can I improve user retention?'],
    ['a number', 42],
    ['an array', [prompt, context]],
  ])(
    'params that are %s → rejects with ValidationError, not a TypeError',
    async (_case, params) => {
      const server = intercept(START_PATH, [200, okBody()]);
      const error = await rejectionOf(client().requestAd(params as never));
      expect(ValidationError.isInstance(error), String(error)).toBe(true);
      expect(error).toMatchObject({ name: 'ValidationError', field: 'params' });
      expect((error as Error).message).toBe('requestAd expects a params object (RequestAdParams)');
      expectNothingSent(server, nockState);
    },
  );

  it.each([
    ['nothing but raiseException', {}, ValidationError, 'prompt'],
    ['a null context', { prompt, context: null }, MissingParameterError, 'context'],
    ['a string context', { prompt, context: 'session_001' }, MissingParameterError, 'context'],
    ['a context array', { prompt, context: [context] }, MissingParameterError, 'context'],
    [
      'a null optionalContext',
      { prompt, context, optionalContext: null },
      ValidationError,
      'optionalContext',
    ],
  ])(
    'fallback with %s → the typed error in the result, never a throw',
    async (_case, fields, ErrorType, field) => {
      const server = intercept(START_PATH, [200, okBody()]);
      const params = { ...fields, raiseException: false } as unknown as RequestAdParams;
      const result = await client().requestAd(params);
      expect(result).toMatchObject({ success: false, adResponse: undefined });
      expect(ErrorType.isInstance(result.error), String(result.error)).toBe(true);
      expect(result.error).toMatchObject({ field });
      expectNothingSent(server, nockState);
    },
  );

  it('fallback keeps the sessionId it was given, or an empty one', async () => {
    const withSession = await client().requestAd({
      prompt,
      context: { ...context, userIp: '' },
      raiseException: false,
    });
    expect(withSession.sessionId).toBe(context.sessionId);
    const withoutContext = await client().requestAd({
      prompt,
      context: undefined as unknown as RequestAdParams['context'],
      raiseException: false,
    });
    expect(withoutContext.sessionId).toBe('');
  });
});

describe('requestAd: timeouts and aborts', () => {
  it('gives up after timeoutMs with NetworkError (timeout)', async () => {
    const server = intercept(START_PATH, 'hang');
    const error = await rejectionOf(
      new Adstract({ apiKey: API_KEY, timeoutMs: 30 }).requestAd({ prompt, context }),
    );
    expect(NetworkError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      reason: 'timeout',
      message: 'Adstract did not answer within 30 ms',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('takes a per-call timeoutMs over the client one', async () => {
    intercept(START_PATH, 'hang');
    const error = await rejectionOf(
      new Adstract({ apiKey: API_KEY, timeoutMs: 60_000 }).requestAd({
        prompt,
        context,
        timeoutMs: 25,
      }),
    );
    expect(error).toMatchObject({
      name: 'NetworkError',
      reason: 'timeout',
      message: 'Adstract did not answer within 25 ms',
    });
  });

  it('a timeout in fallback mode resolves with the original prompt', async () => {
    intercept(START_PATH, 'hang');
    const result = await new Adstract({ apiKey: API_KEY, timeoutMs: 25 }).requestAd({
      prompt,
      context,
      raiseException: false,
    });
    expect(result).toMatchObject({ prompt, success: false });
    expect(result.error).toMatchObject({ name: 'NetworkError', reason: 'timeout' });
  });

  it('stops when the caller aborts mid-request, with NetworkError (aborted)', async () => {
    const server = intercept(START_PATH, 'hang');
    const controller = new AbortController();
    const pending = client().requestAd({ prompt, context, signal: controller.signal });
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    controller.abort(new Error('user left'));
    const error = await rejectionOf(pending);
    expect(NetworkError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'aborted' });
  });

  it('sends nothing when the signal is already aborted', async () => {
    const server = intercept(START_PATH, [200, okBody()]);
    const error = await rejectionOf(
      client().requestAd({ prompt, context, signal: AbortSignal.abort() }),
    );
    expect(error).toMatchObject({ name: 'NetworkError', reason: 'aborted' });
    expectNothingSent(server, nockState);
  });

  it('an abort in fallback mode resolves with the original prompt', async () => {
    intercept(START_PATH, [200, okBody()]);
    const result = await client().requestAd({
      prompt,
      context,
      signal: AbortSignal.abort(),
      raiseException: false,
    });
    expect(result).toMatchObject({ prompt, success: false });
    expect(result.error).toMatchObject({ name: 'NetworkError', reason: 'aborted' });
  });
});
