import { APICallError, RetryError } from 'ai';
import { describe, expect, it } from 'vitest';
import { describeModelFailure } from './describe-model-failure.js';

const real = { label: 'http://127.0.0.1:4799/v1', local: false };

function apiCallError(statusCode: number | undefined, message: string, cause?: unknown) {
  return new APICallError({
    message,
    url: 'http://127.0.0.1:4799/v1/responses',
    requestBodyValues: {},
    statusCode,
    cause,
  });
}

describe('describeModelFailure', () => {
  it('stops on an unreachable model, naming the innermost cause and the variables to check', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4799'), {
      code: 'ECONNREFUSED',
    });
    const fetchFailed = new TypeError('fetch failed', { cause: refused });
    const error = new RetryError({
      message: 'Failed after 3 attempts.',
      reason: 'maxRetriesExceeded',
      errors: [apiCallError(undefined, 'Cannot connect to API: fetch failed', fetchFailed)],
    });
    expect(describeModelFailure(error, real)).toEqual({
      fatal: true,
      message:
        'cannot reach the model at http://127.0.0.1:4799/v1 (connect ECONNREFUSED 127.0.0.1:4799). Check OPENAI_BASE_URL and that the service is running, or unset OPENAI_API_KEY to use the local model stand-in.',
    });
  });

  it('stops on a rejected key without repeating the answer (which may quote the key)', () => {
    const failure = describeModelFailure(
      apiCallError(401, 'Incorrect API key provided: sk-abc***xyz'),
      real,
    );
    expect(failure.fatal).toBe(true);
    expect(failure.message).toContain('rejected OPENAI_API_KEY (HTTP 401)');
    expect(failure.message).not.toContain('sk-abc');
  });

  it('fails only the turn for other errors, in one line', () => {
    expect(describeModelFailure(apiCallError(500, 'Server exploded\nsecond line'), real)).toEqual({
      fatal: false,
      message: 'model error: HTTP 500: Server exploded',
    });
    expect(describeModelFailure(new Error('odd'), real)).toEqual({
      fatal: false,
      message: 'model error: Error: odd',
    });
  });

  it('calls a failing local stand-in a bug rather than blaming the environment', () => {
    const message = describeModelFailure(apiCallError(undefined, 'Cannot connect'), {
      label: 'http://127.0.0.1:1/v1',
      local: true,
    }).message;
    expect(message).toContain('local model stand-in');
    expect(message).not.toContain('OPENAI_');
  });
});
