import { describe, expect, it } from 'vitest';
import {
  AdEnhancementError,
  AuthenticationError,
  DuplicateAdRequestError,
  NoFillError,
  PromptRejectedError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
} from './errors/index.js';
import { enhancementError, interpretStartResponse } from './start-response.js';
import { okBody, unfilledBody } from './testing/adstract-server.js';
import type { RawResponse } from './transport.js';

function raw(status: number, body: unknown): RawResponse {
  return {
    status,
    headers: new Headers(),
    text: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

function errorOf(response: RawResponse, retryAfterMs?: number) {
  const attempt = interpretStartResponse(response, retryAfterMs);
  if (attempt.kind !== 'error') throw new Error(`expected an error, got ${attempt.kind}`);
  return attempt;
}

function thrownBy(check: () => unknown): unknown {
  try {
    check();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('interpretStartResponse: bodies', () => {
  it('maps a 200 body to camelCase', () => {
    expect(interpretStartResponse(raw(200, okBody()), undefined)).toEqual({
      kind: 'response',
      adResponse: {
        adRequestId: 'request-1',
        adResponseId: '55c59ce2-a31f-4ce4-95b3-f930fd9cd564',
        status: 'ok',
        success: true,
        executionTimeMs: 1987.96,
        enhancedPrompt: 'ENHANCED: How can I improve user retention?',
        productName: 'Adstract – LLM Advertising',
        httpStatus: 200,
      },
    });
  });

  it.each([
    [201, 'rejected'],
    [202, 'no_fill'],
  ] as const)('maps a %d body (status %s) to a response without a prompt', (status, adStatus) => {
    const attempt = interpretStartResponse(raw(status, unfilledBody(adStatus)), undefined);
    expect(attempt).toMatchObject({
      kind: 'response',
      adResponse: {
        status: adStatus,
        success: false,
        enhancedPrompt: null,
        productName: null,
        httpStatus: status,
      },
    });
  });

  it.each([
    ['not JSON', 200, '<html>oops</html>', /answered 200 with invalid JSON/],
    ['empty', 200, '', /invalid JSON/],
    ['an array', 200, [okBody()], /not a JSON object/],
    ['null', 202, null, /not a JSON object/],
    [
      'status not matching HTTP 200',
      200,
      okBody({ status: 'no_fill' }),
      /status must be "ok" with HTTP 200/,
    ],
    [
      'status not matching HTTP 201',
      201,
      unfilledBody('no_fill'),
      /status must be "rejected" with HTTP 201/,
    ],
    [
      'status not matching HTTP 202',
      202,
      unfilledBody('rejected'),
      /status must be "no_fill" with HTTP 202/,
    ],
    ['success false on 200', 200, okBody({ success: false }), /success must be true with HTTP 200/],
    [
      'success true on 202',
      202,
      { ...unfilledBody('no_fill'), success: true },
      /success must be false/,
    ],
    ['success as a string', 200, okBody({ success: 'true' }), /success must be true/],
    [
      'execution_time_ms missing',
      200,
      okBody({ execution_time_ms: undefined }),
      /execution_time_ms must be a number/,
    ],
    [
      'execution_time_ms a string',
      200,
      okBody({ execution_time_ms: '12' }),
      /execution_time_ms must be a number/,
    ],
    [
      'enhanced_prompt null on 200',
      200,
      okBody({ enhanced_prompt: null }),
      /enhanced_prompt must be set with HTTP 200/,
    ],
    [
      'enhanced_prompt empty on 200',
      200,
      okBody({ enhanced_prompt: '' }),
      /enhanced_prompt must be set/,
    ],
    [
      'enhanced_prompt a number',
      200,
      okBody({ enhanced_prompt: 7 }),
      /enhanced_prompt must be a string or null/,
    ],
    [
      'ad_request_id missing',
      200,
      okBody({ ad_request_id: undefined }),
      /ad_request_id must be a non-empty string/,
    ],
    [
      'ad_response_id empty',
      200,
      okBody({ ad_response_id: '' }),
      /ad_response_id must be a non-empty string/,
    ],
    [
      'ad_response_id a number',
      201,
      { ...unfilledBody('rejected'), ad_response_id: 5 },
      /ad_response_id must be/,
    ],
    [
      'product_name an object',
      200,
      okBody({ product_name: {} }),
      /product_name must be a string or null/,
    ],
  ])('throws UnexpectedResponseError for a body that is %s', (_case, status, body, message) => {
    const error = thrownBy(() => interpretStartResponse(raw(status, body), undefined));
    expect(UnexpectedResponseError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: status });
    expect((error as Error).message).toMatch(/^Adstract start answered/);
    expect((error as Error).message).toMatch(message);
    expect((error as UnexpectedResponseError).responseBody).toBe(
      raw(status, body).text.slice(0, 500),
    );
  });

  it('keeps the JSON parse failure as the cause', () => {
    const error = thrownBy(() => interpretStartResponse(raw(200, '{"ad_'), undefined));
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
  });
});

describe('interpretStartResponse: statuses', () => {
  it.each([
    [400, /API key format is invalid/],
    [401, /API key is missing or invalid/],
    [403, /revoked, or the platform or publisher is inactive/],
  ])('%d → AuthenticationError, not retryable', (status, meaning) => {
    const attempt = errorOf(raw(status, { detail: 'nope' }));
    expect(attempt.retryable).toBe(false);
    expect(AuthenticationError.isInstance(attempt.error)).toBe(true);
    expect(attempt.error.message).toMatch(meaning);
    expect(attempt.error).toMatchObject({ statusCode: status, responseBody: '{"detail":"nope"}' });
  });

  it('409 → DuplicateAdRequestError (an AdEnhancementError), not retryable', () => {
    const attempt = errorOf(raw(409, { detail: 'duplicate' }));
    expect(attempt.retryable).toBe(false);
    expect(DuplicateAdRequestError.isInstance(attempt.error)).toBe(true);
    expect(AdEnhancementError.isInstance(attempt.error)).toBe(true);
    expect(attempt.error.statusCode).toBe(409);
  });

  it('429 → RateLimitError, retryable, with Retry-After', () => {
    const attempt = errorOf(raw(429, ''), 3_000);
    expect(attempt).toMatchObject({ retryable: true, retryAfterMs: 3_000 });
    expect(RateLimitError.isInstance(attempt.error)).toBe(true);
    expect(attempt.error).toMatchObject({ statusCode: 429, retryAfterMs: 3_000 });
  });

  it.each([500, 502, 503, 504, 599])('%d → ServerError, retryable', (status) => {
    const attempt = errorOf(raw(status, 'upstream down'));
    expect(attempt.retryable).toBe(true);
    expect(ServerError.isInstance(attempt.error)).toBe(true);
    expect(attempt.error).toMatchObject({ statusCode: status, responseBody: 'upstream down' });
  });

  it.each([204, 301, 404, 405, 406, 408, 418, 422, 600])(
    '%d (undocumented) → UnexpectedResponseError, not retryable',
    (status) => {
      const attempt = errorOf(raw(status, ''));
      expect(attempt.retryable).toBe(false);
      expect(UnexpectedResponseError.isInstance(attempt.error)).toBe(true);
      expect(attempt.error.message).toMatch(`answered ${status}, which the API does not document`);
    },
  );

  it('does not parse the body of an error answer', () => {
    expect(AuthenticationError.isInstance(errorOf(raw(401, '<html>')).error)).toBe(true);
  });
});

describe('enhancementError', () => {
  const adResponse = (httpStatus: 200 | 201 | 202) => {
    const attempt = interpretStartResponse(
      raw(
        httpStatus,
        httpStatus === 200 ? okBody() : unfilledBody(httpStatus === 201 ? 'rejected' : 'no_fill'),
      ),
      undefined,
    );
    if (attempt.kind !== 'response') throw new Error('expected a response');
    return attempt.adResponse;
  };

  it('is undefined for a 200', () => {
    expect(enhancementError(adResponse(200))).toBeUndefined();
  });

  it('is PromptRejectedError for a 201', () => {
    const error = enhancementError(adResponse(201));
    expect(PromptRejectedError.isInstance(error)).toBe(true);
    expect(AdEnhancementError.isInstance(error)).toBe(true);
    expect(error?.statusCode).toBe(201);
  });

  it('is NoFillError for a 202', () => {
    const error = enhancementError(adResponse(202));
    expect(NoFillError.isInstance(error)).toBe(true);
    expect(AdEnhancementError.isInstance(error)).toBe(true);
    expect(error?.statusCode).toBe(202);
  });
});
