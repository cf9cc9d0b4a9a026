import type { AdSDKError } from './errors/ad-sdk-error.js';
import { AuthenticationError } from './errors/authentication-error.js';
import { DuplicateAdRequestError } from './errors/duplicate-ad-request-error.js';
import { NoFillError } from './errors/no-fill-error.js';
import { PromptRejectedError } from './errors/prompt-rejected-error.js';
import { RateLimitError } from './errors/rate-limit-error.js';
import { ServerError } from './errors/server-error.js';
import { UnexpectedResponseError } from './errors/unexpected-response-error.js';
import { asRecord, parseJsonBody, type ScreenedResponse, wrongShape } from './response-body.js';
import type { AdResponse, AdStatus } from './types.js';

const ENDPOINT = 'start';
const STATUS_BY_HTTP: Record<200 | 201 | 202, AdStatus> = {
  200: 'ok',
  201: 'rejected',
  202: 'no_fill',
};

/**
 * The answer of one start attempt: an ad response (200/201/202, with the rejected or no-fill error
 * of a 201/202) or the error its status maps to.
 */
export type StartAttempt =
  | { kind: 'response'; adResponse: AdResponse; error: AdSDKError | undefined }
  | { kind: 'error'; error: AdSDKError; retryable: boolean; retryAfterMs?: number };

/**
 * The one place where start's HTTP statuses become results and errors: 200 ok, 201 rejected,
 * 202 no fill, 400/401/403 auth, 409 duplicate, 429 rate limit, 5xx server, anything else unexpected.
 */
export function interpretStartResponse(
  response: ScreenedResponse,
  retryAfterMs: number | undefined,
): StartAttempt {
  const { status } = response;
  const details = { statusCode: status, responseBody: response.safeText };
  if (status === 200 || status === 201 || status === 202) {
    const adResponse = parseAdResponse(response, status);
    return { kind: 'response', adResponse, error: enhancementError(adResponse, response.safeText) };
  }
  if (status === 400 || status === 401 || status === 403) {
    const meaning =
      status === 400
        ? 'API key format is invalid'
        : status === 401
          ? 'API key is missing or invalid'
          : 'API key is revoked, or the platform or publisher is inactive';
    return {
      kind: 'error',
      retryable: false,
      error: new AuthenticationError({
        message: `Adstract start answered ${status}: ${meaning}`,
        ...details,
      }),
    };
  }
  if (status === 409) {
    return {
      kind: 'error',
      retryable: false,
      error: new DuplicateAdRequestError({
        message: 'Adstract start answered 409: this message already has an ad request',
        ...details,
      }),
    };
  }
  if (status === 429) {
    return {
      kind: 'error',
      retryable: true,
      retryAfterMs,
      error: new RateLimitError({
        message: 'Adstract start answered 429: rate limited',
        retryAfterMs,
        ...details,
      }),
    };
  }
  if (status >= 500 && status <= 599) {
    return {
      kind: 'error',
      retryable: true,
      retryAfterMs,
      error: new ServerError({
        message: `Adstract start answered ${status}: server error`,
        ...details,
      }),
    };
  }
  return {
    kind: 'error',
    retryable: false,
    error: new UnexpectedResponseError({
      message: `Adstract start answered ${status}, which the API does not document`,
      ...details,
    }),
  };
}

function parseAdResponse(response: ScreenedResponse, status: 200 | 201 | 202): AdResponse {
  const body = asRecord(parseJsonBody(response, ENDPOINT));
  if (body === undefined) throw wrongShape(response, ENDPOINT, 'not a JSON object');
  const text = (key: string) => {
    const value = body[key];
    if (typeof value !== 'string' || value === '')
      throw wrongShape(response, ENDPOINT, `${key} must be a non-empty string`);
    return value;
  };
  const nullableText = (key: string) => {
    const value = body[key];
    if (value !== null && typeof value !== 'string')
      throw wrongShape(response, ENDPOINT, `${key} must be a string or null`);
    return value;
  };
  const expected = STATUS_BY_HTTP[status];
  if (body.status !== expected)
    throw wrongShape(response, ENDPOINT, `status must be "${expected}" with HTTP ${status}`);
  if (body.success !== (status === 200))
    throw wrongShape(response, ENDPOINT, `success must be ${status === 200} with HTTP ${status}`);
  if (typeof body.execution_time_ms !== 'number' || !Number.isFinite(body.execution_time_ms)) {
    throw wrongShape(response, ENDPOINT, 'execution_time_ms must be a number');
  }
  const enhancedPrompt = nullableText('enhanced_prompt');
  if (status === 200 && (enhancedPrompt === null || enhancedPrompt === '')) {
    throw wrongShape(response, ENDPOINT, 'enhanced_prompt must be set with HTTP 200');
  }
  return {
    adRequestId: text('ad_request_id'),
    adResponseId: text('ad_response_id'),
    status: expected,
    success: status === 200,
    executionTimeMs: body.execution_time_ms,
    enhancedPrompt,
    productName: nullableText('product_name'),
    httpStatus: status,
  };
}

/**
 * The error a non-200 ad response stands for: rejected (201) or no fill (202), carrying a snippet of
 * the (redacted) body like every other error.
 */
export function enhancementError(
  adResponse: AdResponse,
  responseBody: string | undefined,
): AdSDKError | undefined {
  if (adResponse.httpStatus === 201) {
    return new PromptRejectedError({
      message: 'Adstract rejected the prompt for ads (201)',
      statusCode: 201,
      responseBody,
    });
  }
  if (adResponse.httpStatus === 202) {
    return new NoFillError({
      message: 'Adstract has no ad for this prompt (202, no fill)',
      statusCode: 202,
      responseBody,
    });
  }
  return undefined;
}
