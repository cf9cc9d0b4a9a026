import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AcknowledgeParams, Adstract, type EnhancementResult } from './adstract.js';
import {
  AdAcknowledgmentError,
  AdResponseNotFoundError,
  type AdSDKError,
  AuthenticationError,
  DuplicateAcknowledgmentError,
  NetworkError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
  UnsuccessfulAdResponseError,
  ValidationError,
} from './errors/index.js';
import {
  ACKNOWLEDGE_PATH,
  AD_RESPONSE_ID,
  API_KEY,
  ackBody,
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
import { scriptedFetch } from './testing/scripted-fetch.js';

const nockState = useNock();
const prompt = 'How can I improve user retention?';
const llmResponse = 'Try onboarding emails. <ADS>Adstract helps you monetise.</ADS>';
const client = () => new Adstract({ apiKey: API_KEY });

type ErrorClass = { isInstance(error: unknown): boolean; name: string };

async function enhancement(reply: Reply): Promise<EnhancementResult> {
  intercept(START_PATH, reply);
  return client().requestAd({ prompt, context, raiseException: false });
}

describe('acknowledge: successes', () => {
  it('acknowledges a successful enhancement with its ad response id', async () => {
    const result = await enhancement([200, okBody()]);
    const server = intercept(ACKNOWLEDGE_PATH, [200, ackBody('ok')]);
    await expect(client().acknowledge({ enhancementResult: result, llmResponse })).resolves.toEqual(
      {
        adAckId: 'ack-1',
        status: 'ok',
        success: true,
        httpStatus: 200,
      },
    );
    expect(server.requests[0]?.body).toMatchObject({
      ad_response_id: AD_RESPONSE_ID,
      llm_response: llmResponse,
    });
  });

  it('acknowledges by adResponseId', async () => {
    const server = intercept(ACKNOWLEDGE_PATH, [200, ackBody('no_ad_used')]);
    await expect(client().acknowledge({ adResponseId: 'resp-9', llmResponse })).resolves.toEqual({
      adAckId: 'ack-1',
      status: 'no_ad_used',
      success: true,
      httpStatus: 200,
    });
    expect(server.requests[0]?.body).toMatchObject({
      ad_response_id: 'resp-9',
      llm_response: llmResponse,
    });
  });

  it('treats 201 (recoverable_error) as a success: resolved, not thrown', async () => {
    intercept(ACKNOWLEDGE_PATH, [201, ackBody('recoverable_error')]);
    await expect(
      client().acknowledge({ adResponseId: AD_RESPONSE_ID, llmResponse }),
    ).resolves.toEqual({
      adAckId: 'ack-1',
      status: 'recoverable_error',
      success: false,
      httpStatus: 201,
    });
  });

  it('accepts an empty llmResponse (nothing was produced)', async () => {
    const server = intercept(ACKNOWLEDGE_PATH, [200, ackBody('no_ad_used')]);
    await client().acknowledge({ adResponseId: AD_RESPONSE_ID, llmResponse: '' });
    expect(server.requests[0]?.body.llm_response).toBe('');
  });
});

describe('acknowledge: nothing to acknowledge', () => {
  it.each([
    ['201 (rejected)', [201, unfilledBody('rejected')]],
    ['202 (no fill)', [202, unfilledBody('no_fill')]],
    ['a 500', [500, 'down']],
    ['a network failure', { error: 'ECONNREFUSED' }],
  ] as Array<[string, Reply]>)(
    'resolves undefined without a request after %s',
    async (_case, reply) => {
      const result = await enhancement(reply);
      expect(result.success).toBe(false);
      const server = intercept(ACKNOWLEDGE_PATH, [200, ackBody()]);
      await expect(
        client().acknowledge({ enhancementResult: result, llmResponse }),
      ).resolves.toBeUndefined();
      expectNothingSent(server, nockState);
    },
  );
});

describe('acknowledge: validation before anything is sent', () => {
  const successful = (): EnhancementResult => ({
    prompt: 'enhanced',
    success: true,
    sessionId: 's',
    error: undefined,
    adResponse: {
      adRequestId: 'r',
      adResponseId: AD_RESPONSE_ID,
      status: 'ok',
      success: true,
      executionTimeMs: 1,
      enhancedPrompt: 'enhanced',
      productName: 'p',
      httpStatus: 200,
    },
  });

  it.each([
    [
      'neither enhancementResult nor adResponseId',
      { llmResponse },
      'adResponseId',
      /exactly one of enhancementResult and adResponseId/,
    ],
    [
      'both enhancementResult and adResponseId',
      { enhancementResult: successful(), adResponseId: 'x', llmResponse },
      'adResponseId',
      /exactly one/,
    ],
    [
      'an empty adResponseId',
      { adResponseId: '', llmResponse },
      'adResponseId',
      /non-empty string/,
    ],
    [
      'a non-string adResponseId',
      { adResponseId: 42, llmResponse },
      'adResponseId',
      /non-empty string/,
    ],
    ['a missing llmResponse', { adResponseId: 'x' }, 'llmResponse', /llmResponse must be a string/],
    [
      'a zero timeoutMs',
      { adResponseId: 'x', llmResponse, timeoutMs: 0 },
      'timeoutMs',
      /timeoutMs must be an integer ≥ 1/,
    ],
    [
      'a fractional timeoutMs',
      { adResponseId: 'x', llmResponse, timeoutMs: 2.5 },
      'timeoutMs',
      /timeoutMs must be an integer/,
    ],
    [
      'a non-string llmResponse',
      { enhancementResult: successful(), llmResponse: { text: 'x' } },
      'llmResponse',
      /must be a string/,
    ],
  ])('%s → ValidationError, nothing sent', async (_case, params, field, rule) => {
    const server = intercept(ACKNOWLEDGE_PATH, [200, ackBody()]);
    const error = await rejectionOf(client().acknowledge(params as unknown as AcknowledgeParams));
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field });
    expect((error as Error).message).toMatch(rule);
    expectNothingSent(server, nockState);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', AD_RESPONSE_ID],
    ['an array', [AD_RESPONSE_ID, llmResponse]],
  ])(
    'params that are %s → rejects with ValidationError, not a TypeError',
    async (_case, params) => {
      const server = intercept(ACKNOWLEDGE_PATH, [200, ackBody()]);
      const error = await rejectionOf(client().acknowledge(params as never));
      expect(ValidationError.isInstance(error), String(error)).toBe(true);
      expect(error).toMatchObject({ field: 'params' });
      expect((error as Error).message).toBe(
        'acknowledge expects a params object (AcknowledgeParams)',
      );
      expectNothingSent(server, nockState);
    },
  );

  it.each([
    ['a null enhancementResult', { enhancementResult: null }, 'enhancementResult'],
    ['a string enhancementResult', { enhancementResult: 'ok' }, 'enhancementResult'],
    [
      'a successful enhancementResult whose adResponse is null',
      { enhancementResult: { ...successful(), adResponse: null } },
      'enhancementResult',
    ],
    [
      'a successful enhancementResult without an adResponseId',
      { enhancementResult: { ...successful(), adResponse: { adResponseId: '' } } },
      'enhancementResult',
    ],
  ])('%s → ValidationError, not a TypeError, nothing sent', async (_case, fields, field) => {
    const server = intercept(ACKNOWLEDGE_PATH, [200, ackBody()]);
    const params = { ...fields, llmResponse } as unknown as AcknowledgeParams;
    const error = await rejectionOf(client().acknowledge(params));
    expect(ValidationError.isInstance(error), String(error)).toBe(true);
    expect(error).toMatchObject({ field });
    await expect(
      client().acknowledge({ ...params, raiseException: false }),
    ).resolves.toBeUndefined();
    expectNothingSent(server, nockState);
  });

  it('resolves undefined for invalid input in fallback mode', async () => {
    const server = intercept(ACKNOWLEDGE_PATH, [200, ackBody()]);
    await expect(
      client().acknowledge({ adResponseId: '', llmResponse, raiseException: false }),
    ).resolves.toBeUndefined();
    expectNothingSent(server, nockState);
  });
});

describe('acknowledge: failures', () => {
  const failures: Array<[string, Reply, ErrorClass, number | undefined]> = [
    ['400', [400, { detail: 'bad key' }], AuthenticationError, 400],
    ['401', [401, { detail: 'no key' }], AuthenticationError, 401],
    ['403', [403, { detail: 'other platform' }], AuthenticationError, 403],
    ['404', [404, { detail: 'unknown' }], AdResponseNotFoundError, 404],
    ['406', [406, { detail: 'not a 200' }], UnsuccessfulAdResponseError, 406],
    ['409', [409, { detail: 'already' }], DuplicateAcknowledgmentError, 409],
    ['429', [429, ''], RateLimitError, 429],
    ['500', [500, 'Internal'], ServerError, 500],
    ['502', [502, 'Bad gateway'], ServerError, 502],
    ['418 (undocumented)', [418, ''], UnexpectedResponseError, 418],
    ['200 with invalid JSON', [200, 'OK'], UnexpectedResponseError, 200],
    [
      '200 with an unknown status',
      [200, ackBody('ok', { status: 'done' })],
      UnexpectedResponseError,
      200,
    ],
    [
      '200 with success contradicting ok',
      [200, ackBody('ok', { success: false })],
      UnexpectedResponseError,
      200,
    ],
    [
      '201 with success contradicting recoverable_error',
      [201, ackBody('recoverable_error', { success: true })],
      UnexpectedResponseError,
      201,
    ],
    ['200 without ad_ack_id', [200, { status: 'ok', success: true }], UnexpectedResponseError, 200],
    [
      '200 with recoverable_error (a 201 status)',
      [200, ackBody('recoverable_error')],
      UnexpectedResponseError,
      200,
    ],
    ['201 with ok (a 200 status)', [201, ackBody('ok')], UnexpectedResponseError, 201],
    [
      '201 with no_ad_used (a 200 status)',
      [201, ackBody('no_ad_used')],
      UnexpectedResponseError,
      201,
    ],
    ['a network failure', { error: 'ECONNRESET' }, NetworkError, undefined],
  ];
  const named = failures.map(
    ([name, reply, type, status]) => [name, type.name, reply, type, status] as const,
  );

  it.each(named)('%s → throws %s', async (_case, _name, reply, ErrorType, statusCode) => {
    const server = intercept(ACKNOWLEDGE_PATH, reply);
    const error = await rejectionOf(
      client().acknowledge({ adResponseId: AD_RESPONSE_ID, llmResponse }),
    );
    expect(ErrorType.isInstance(error), String(error)).toBe(true);
    expect((error as AdSDKError).name).toBe(ErrorType.name);
    expect((error as AdSDKError).statusCode).toBe(statusCode);
    expect(server.requests).toHaveLength(1);
  });

  it.each(named)('%s → resolves undefined in fallback mode', async (_case, _name, reply) => {
    intercept(ACKNOWLEDGE_PATH, reply);
    await expect(
      client().acknowledge({ adResponseId: AD_RESPONSE_ID, llmResponse, raiseException: false }),
    ).resolves.toBeUndefined();
  });

  it('groups 404, 406 and 409 under AdAcknowledgmentError', async () => {
    for (const status of [404, 406, 409]) {
      intercept(ACKNOWLEDGE_PATH, [status, '']);
      const error = await rejectionOf(
        client().acknowledge({ adResponseId: AD_RESPONSE_ID, llmResponse }),
      );
      expect(AdAcknowledgmentError.isInstance(error)).toBe(true);
    }
  });
});

describe('acknowledge: never retried', () => {
  const retrying = () =>
    new Adstract({ apiKey: API_KEY, retries: 5, backoffFactorMs: 1, maxBackoffMs: 2 });

  it.each([
    ['a 500 (outcome unknown)', [500, 'Internal'], ServerError],
    ['a 503 with Retry-After', [503, '', { 'Retry-After': '0' }], ServerError],
    ['a 429', [429, '', { 'Retry-After': '0' }], RateLimitError],
    ['a 409', [409, ''], DuplicateAcknowledgmentError],
    ['a network failure', { error: 'ECONNRESET' }, NetworkError],
  ] as Array<[string, Reply, ErrorClass]>)(
    'after %s, even with retries configured',
    async (_case, reply, ErrorType) => {
      const server = intercept(ACKNOWLEDGE_PATH, reply, [200, ackBody()]);
      const error = await rejectionOf(
        retrying().acknowledge({ adResponseId: AD_RESPONSE_ID, llmResponse }),
      );
      expect(ErrorType.isInstance(error)).toBe(true);
      expect(server.requests).toHaveLength(1);
      expect(server.scope.isDone()).toBe(false);
    },
  );
});

describe('acknowledge: timeouts and aborts', () => {
  it('gives up after the client timeoutMs with NetworkError (timeout)', async () => {
    intercept(ACKNOWLEDGE_PATH, 'hang');
    const error = await rejectionOf(
      new Adstract({ apiKey: API_KEY, timeoutMs: 25 }).acknowledge({
        adResponseId: AD_RESPONSE_ID,
        llmResponse,
      }),
    );
    expect(error).toMatchObject({ name: 'NetworkError', reason: 'timeout' });
  });

  it('stops when the caller aborts, with NetworkError (aborted)', async () => {
    const server = intercept(ACKNOWLEDGE_PATH, 'hang');
    const controller = new AbortController();
    const pending = client().acknowledge({
      adResponseId: AD_RESPONSE_ID,
      llmResponse,
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    controller.abort();
    const error = await rejectionOf(pending);
    expect(error).toMatchObject({ name: 'NetworkError', reason: 'aborted' });
  });

  it('sends nothing when the signal is already aborted', async () => {
    const server = intercept(ACKNOWLEDGE_PATH, [200, ackBody()]);
    const error = await rejectionOf(
      client().acknowledge({
        adResponseId: AD_RESPONSE_ID,
        llmResponse,
        signal: AbortSignal.abort(),
      }),
    );
    expect(error).toMatchObject({ name: 'NetworkError', reason: 'aborted' });
    expectNothingSent(server, nockState);
  });
});

describe('acknowledge: per-call timeoutMs (fake timers, injected fetch)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  /** Acknowledges through a fetch that never answers; `settled()` is undefined while pending. */
  async function acknowledgeHanging(clientTimeoutMs: number, callTimeoutMs?: number) {
    const { fetch, requests } = scriptedFetch('hang');
    let outcome: { error: unknown } | undefined;
    void new Adstract({ apiKey: API_KEY, fetch, timeoutMs: clientTimeoutMs })
      .acknowledge({ adResponseId: AD_RESPONSE_ID, llmResponse, timeoutMs: callTimeoutMs })
      .catch((error: unknown) => {
        outcome = { error };
      });
    await vi.advanceTimersByTimeAsync(0);
    expect(requests).toHaveLength(1);
    return () => outcome;
  }

  it('gives up after the per-call timeoutMs, not the client one', async () => {
    const settled = await acknowledgeHanging(60_000, 50);
    await vi.advanceTimersByTimeAsync(49);
    expect(settled()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(settled()?.error).toMatchObject({
      name: 'NetworkError',
      reason: 'timeout',
      message: 'Adstract did not answer within 50 ms',
    });
  });

  it('may be longer than the client timeoutMs', async () => {
    const settled = await acknowledgeHanging(50, 2_000);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(settled()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(settled()?.error).toMatchObject({ reason: 'timeout' });
  });

  it('defaults to the client timeoutMs', async () => {
    const settled = await acknowledgeHanging(300);
    await vi.advanceTimersByTimeAsync(299);
    expect(settled()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(settled()?.error).toMatchObject({
      reason: 'timeout',
      message: 'Adstract did not answer within 300 ms',
    });
  });
});
