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
import type { ScreenedResponse } from './response-body.js';
import { enhancementError, interpretStartResponse } from './start-response.js';
import {
  okBody,
  reachableStrings,
  screenedResponse,
  unfilledBody,
} from './testing/adstract-server.js';

function errorOf(response: ScreenedResponse, retryAfterMs?: number) {
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
    expect(interpretStartResponse(screenedResponse(200, okBody()), undefined)).toEqual({
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
      error: undefined,
    });
  });

  it.each([
    [201, 'rejected'],
    [202, 'no_fill'],
  ] as const)('maps a %d body (status %s) to a response without a prompt', (status, adStatus) => {
    const attempt = interpretStartResponse(
      screenedResponse(status, unfilledBody(adStatus)),
      undefined,
    );
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
    [201, 'rejected', PromptRejectedError],
    [202, 'no_fill', NoFillError],
  ] as const)(
    'gives a %d (%s) its error, carrying the redacted body snippet',
    (status, adStatus, ErrorType) => {
      const body = unfilledBody(adStatus);
      const response = screenedResponse(status, body, '{"redacted":"copy"}');
      const attempt = interpretStartResponse(response, undefined);
      if (attempt.kind !== 'response') throw new Error('expected a response');
      expect(ErrorType.isInstance(attempt.error)).toBe(true);
      expect(attempt.error).toMatchObject({
        statusCode: status,
        responseBody: '{"redacted":"copy"}',
      });
    },
  );

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
    const error = thrownBy(() => interpretStartResponse(screenedResponse(status, body), undefined));
    expect(UnexpectedResponseError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: status });
    expect((error as Error).message).toMatch(/^Adstract start answered/);
    expect((error as Error).message).toMatch(message);
    expect((error as UnexpectedResponseError).responseBody).toBe(
      screenedResponse(status, body).text.slice(0, 500),
    );
  });

  it('keeps the JSON parse failure as the cause', () => {
    const error = thrownBy(() => interpretStartResponse(screenedResponse(200, '{"ad_'), undefined));
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
  });
});

describe('interpretStartResponse: statuses', () => {
  it.each([
    [400, /API key format is invalid/],
    [401, /API key is missing or invalid/],
    [403, /revoked, or the platform or publisher is inactive/],
  ])('%d → AuthenticationError, not retryable', (status, meaning) => {
    const attempt = errorOf(screenedResponse(status, { detail: 'nope' }));
    expect(attempt.retryable).toBe(false);
    expect(AuthenticationError.isInstance(attempt.error)).toBe(true);
    expect(attempt.error.message).toMatch(meaning);
    expect(attempt.error).toMatchObject({ statusCode: status, responseBody: '{"detail":"nope"}' });
  });

  it('409 → DuplicateAdRequestError (an AdEnhancementError), not retryable', () => {
    const attempt = errorOf(screenedResponse(409, { detail: 'duplicate' }));
    expect(attempt.retryable).toBe(false);
    expect(DuplicateAdRequestError.isInstance(attempt.error)).toBe(true);
    expect(AdEnhancementError.isInstance(attempt.error)).toBe(true);
    expect(attempt.error.statusCode).toBe(409);
  });

  it('429 → RateLimitError, retryable, with Retry-After', () => {
    const attempt = errorOf(screenedResponse(429, ''), 3_000);
    expect(attempt).toMatchObject({ retryable: true, retryAfterMs: 3_000 });
    expect(RateLimitError.isInstance(attempt.error)).toBe(true);
    expect(attempt.error).toMatchObject({ statusCode: 429, retryAfterMs: 3_000 });
  });

  it.each([500, 502, 503, 504, 599])('%d → ServerError, retryable', (status) => {
    const attempt = errorOf(screenedResponse(status, 'upstream down'));
    expect(attempt.retryable).toBe(true);
    expect(ServerError.isInstance(attempt.error)).toBe(true);
    expect(attempt.error).toMatchObject({ statusCode: status, responseBody: 'upstream down' });
  });

  it.each([204, 301, 404, 405, 406, 408, 418, 422, 600])(
    '%d (undocumented) → UnexpectedResponseError, not retryable',
    (status) => {
      const attempt = errorOf(screenedResponse(status, ''));
      expect(attempt.retryable).toBe(false);
      expect(UnexpectedResponseError.isInstance(attempt.error)).toBe(true);
      expect(attempt.error.message).toMatch(`answered ${status}, which the API does not document`);
    },
  );

  it('does not parse the body of an error answer', () => {
    expect(AuthenticationError.isInstance(errorOf(screenedResponse(401, '<html>')).error)).toBe(
      true,
    );
  });
});

describe('interpretStartResponse: only the redacted copy reaches errors', () => {
  it.each([
    ['a 401', 401, '{"detail":"SECRET"}'],
    ['a 503', 503, 'SECRET down'],
    ['invalid JSON', 200, 'SECRET is not JSON'],
    ['a wrong shape', 200, '{"detail":"SECRET"}'],
    ['a 202', 202, JSON.stringify({ ...unfilledBody('no_fill'), detail: 'SECRET' })],
  ])('%s carries the redacted copy, and no SyntaxError of the raw body', (_case, status, text) => {
    const safeText = text.replace('SECRET', '[redacted]');
    let error: unknown;
    try {
      error = interpretStartResponse(screenedResponse(status, text, safeText), undefined).error;
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toMatchObject({ statusCode: status, responseBody: safeText });
    expect(reachableStrings(error).join('\n')).not.toContain('SECRET');
  });
});

describe('enhancementError', () => {
  const adResponse = (httpStatus: 200 | 201 | 202) => {
    const attempt = interpretStartResponse(
      screenedResponse(
        httpStatus,
        httpStatus === 200 ? okBody() : unfilledBody(httpStatus === 201 ? 'rejected' : 'no_fill'),
      ),
      undefined,
    );
    if (attempt.kind !== 'response') throw new Error('expected a response');
    return attempt.adResponse;
  };

  it('is undefined for a 200', () => {
    expect(enhancementError(adResponse(200), '{}')).toBeUndefined();
  });

  it('is PromptRejectedError for a 201, with the body snippet', () => {
    const error = enhancementError(adResponse(201), '{"status":"rejected"}');
    expect(PromptRejectedError.isInstance(error)).toBe(true);
    expect(AdEnhancementError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 201, responseBody: '{"status":"rejected"}' });
  });

  it('is NoFillError for a 202, with the body snippet', () => {
    const error = enhancementError(adResponse(202), '{"status":"no_fill"}');
    expect(NoFillError.isInstance(error)).toBe(true);
    expect(AdEnhancementError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 202, responseBody: '{"status":"no_fill"}' });
  });

  it('keeps a long body to the 500-character snippet', () => {
    const error = enhancementError(adResponse(202), 'x'.repeat(2_000));
    expect(error?.responseBody).toBe(`${'x'.repeat(500)}…`);
  });
});
