import { APICallError, RetryError } from 'ai';
import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error';

describe('describeError', () => {
  it('names the error, its status and the first line of its message', () => {
    const error = new APICallError({
      message: 'Internal server error\nwith details on a second line',
      url: 'https://api.example.test/v1/responses',
      requestBodyValues: { input: 'the conversation' },
      statusCode: 500,
      responseBody: '{"error":"the conversation"}',
    });
    const line = describeError(error);
    expect(line).toBe('AI_APICallError 500: Internal server error');
    expect(line).not.toContain('conversation');
  });

  it('gives the last attempt’s status after retries', () => {
    const lastError = new APICallError({
      message: 'Service unavailable',
      url: 'https://api.example.test/v1/responses',
      requestBodyValues: {},
      statusCode: 503,
    });
    const error = new RetryError({
      message: 'Failed after 3 attempts. Last error: Service unavailable',
      reason: 'maxRetriesExceeded',
      errors: [lastError, lastError, lastError],
    });
    expect(describeError(error)).toBe(
      'AI_RetryError 503: Failed after 3 attempts. Last error: Service unavailable',
    );
  });

  it('cuts a long message and copes with things that are not errors', () => {
    expect(describeError(new TypeError('x'.repeat(300)))).toBe(`TypeError: ${'x'.repeat(199)}…`);
    expect(describeError('boom')).toBe('non-error thrown: string');
  });
});
