import {
  AdSDKError,
  AuthenticationError,
  DuplicateAdRequestError,
  NetworkError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
  ValidationError,
} from '@adstract/client';
import { describe, expect, it } from 'vitest';
import type { StartFailureReason } from '../options/outcome-event.js';
import { classifyStartFailure } from './classify-start-failure.js';

const message = 'failure';

describe('classifyStartFailure', () => {
  it.each([
    [new NetworkError({ message, reason: 'network' }), 'unavailable'],
    [new NetworkError({ message, reason: 'timeout' }), 'unavailable'],
    [new NetworkError({ message, reason: 'aborted' }), 'aborted'],
    [new RateLimitError({ message, statusCode: 429 }), 'unavailable'],
    [new ServerError({ message, statusCode: 503 }), 'unavailable'],
    [new DuplicateAdRequestError({ message, statusCode: 409 }), 'duplicate'],
    [new AuthenticationError({ message, statusCode: 401 }), 'invalid'],
    [new UnexpectedResponseError({ message, statusCode: 200 }), 'invalid'],
    [new ValidationError({ message, field: 'prompt' }), 'invalid'],
    [new AdSDKError({ message }), 'invalid'],
  ] as Array<[AdSDKError, StartFailureReason]>)('sorts %s as %s', (error, reason) => {
    expect(classifyStartFailure(error)).toBe(reason);
  });
});
