import { describe, expect, it, vi } from 'vitest';
import {
  AdAcknowledgmentError,
  AdEnhancementError,
  AdResponseNotFoundError,
  AdSDKError,
  AuthenticationError,
  DuplicateAcknowledgmentError,
  DuplicateAdRequestError,
  MissingParameterError,
  NetworkError,
  NoFillError,
  PromptRejectedError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
  UnsuccessfulAdResponseError,
  ValidationError,
} from './index.js';

interface ErrorClass {
  new (options: { message: string; reason: 'network' }): AdSDKError;
  isInstance(error: unknown): boolean;
  name: string;
}

/** Each class with its ancestors below AdSDKError, as in the Python SDK. */
const hierarchy: Array<[ErrorClass, ErrorClass[]]> = [
  [AdSDKError, []],
  [ValidationError, []],
  [MissingParameterError, [ValidationError]],
  [NetworkError, []],
  [RateLimitError, []],
  [AuthenticationError, []],
  [ServerError, []],
  [UnexpectedResponseError, []],
  [AdEnhancementError, []],
  [PromptRejectedError, [AdEnhancementError]],
  [NoFillError, [AdEnhancementError]],
  [DuplicateAdRequestError, [AdEnhancementError]],
  [AdAcknowledgmentError, []],
  [AdResponseNotFoundError, [AdAcknowledgmentError]],
  [UnsuccessfulAdResponseError, [AdAcknowledgmentError]],
  [DuplicateAcknowledgmentError, [AdAcknowledgmentError]],
];

describe.each(hierarchy.map(([type, ancestors]) => [type.name, type, ancestors] as const))(
  '%s',
  (_name, ErrorType, ancestors) => {
    const error = new ErrorType({ message: 'boom', reason: 'network' });

    it('is an Error named after its class', () => {
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(ErrorType);
      expect(error.name).toBe(ErrorType.name);
      expect(error.message).toBe('boom');
      expect(String(error)).toBe(`${ErrorType.name}: boom`);
    });

    it('is recognised by its own isInstance, its ancestors and AdSDKError', () => {
      expect(ErrorType.isInstance(error)).toBe(true);
      expect(AdSDKError.isInstance(error)).toBe(true);
      for (const ancestor of ancestors) expect(ancestor.isInstance(error)).toBe(true);
    });

    it('is not recognised by unrelated classes', () => {
      const related = new Set<ErrorClass>([ErrorType, AdSDKError, ...ancestors]);
      for (const [other] of hierarchy) {
        if (!related.has(other)) expect(other.isInstance(error), other.name).toBe(false);
      }
    });
  },
);

describe('isInstance', () => {
  it('rejects values that are not Adstract errors', () => {
    for (const value of [
      undefined,
      null,
      'AdSDKError',
      1,
      {},
      new Error('x'),
      new TypeError('x'),
    ]) {
      expect(AdSDKError.isInstance(value)).toBe(false);
    }
  });

  it('works across duplicate installs (a second copy of the module)', async () => {
    vi.resetModules();
    const copy = await import('./index.js');
    expect(copy.NoFillError).not.toBe(NoFillError);

    const foreign = new copy.NoFillError({ message: 'from the other copy' });
    expect(foreign).not.toBeInstanceOf(NoFillError);
    expect(NoFillError.isInstance(foreign)).toBe(true);
    expect(AdEnhancementError.isInstance(foreign)).toBe(true);
    expect(AdSDKError.isInstance(foreign)).toBe(true);
    expect(PromptRejectedError.isInstance(foreign)).toBe(false);

    const local = new RateLimitError({ message: 'from this copy' });
    expect(copy.RateLimitError.isInstance(local)).toBe(true);
    expect(copy.ServerError.isInstance(local)).toBe(false);
  });
});

describe('AdSDKError fields', () => {
  it('carries statusCode, responseBody and cause', () => {
    const cause = new SyntaxError('Unexpected token');
    const error = new UnexpectedResponseError({
      message: 'bad',
      statusCode: 502,
      responseBody: '<html>',
      cause,
    });
    expect(error.statusCode).toBe(502);
    expect(error.responseBody).toBe('<html>');
    expect(error.cause).toBe(cause);
  });

  it('leaves them undefined when absent, with no own cause property', () => {
    const error = new AdSDKError({ message: 'bare' });
    expect(error.statusCode).toBeUndefined();
    expect(error.responseBody).toBeUndefined();
    expect(Object.hasOwn(error, 'cause')).toBe(false);
  });

  it('keeps responseBody to a 500-character snippet', () => {
    const exact = 'a'.repeat(500);
    expect(new ServerError({ message: 'x', responseBody: exact }).responseBody).toBe(exact);
    const long = new ServerError({ message: 'x', responseBody: 'b'.repeat(5_000) }).responseBody;
    expect(long).toBe(`${'b'.repeat(500)}…`);
  });

  it('serialises its public fields to JSON', () => {
    const error = new AuthenticationError({
      message: 'no',
      statusCode: 401,
      responseBody: '{"detail":"x"}',
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'AuthenticationError',
      statusCode: 401,
      responseBody: '{"detail":"x"}',
    });
  });
});

describe('subclass fields', () => {
  it('ValidationError and MissingParameterError name the field', () => {
    expect(new ValidationError({ message: 'm', field: 'optionalContext.age' }).field).toBe(
      'optionalContext.age',
    );
    expect(new MissingParameterError({ message: 'm', field: 'context.userIp' }).field).toBe(
      'context.userIp',
    );
    expect(new ValidationError({ message: 'm' }).field).toBeUndefined();
  });

  it.each(['network', 'timeout', 'aborted'] as const)(
    'NetworkError keeps its reason (%s)',
    (reason) => {
      const cause = new TypeError('fetch failed');
      const error = new NetworkError({ message: 'm', reason, cause });
      expect(error.reason).toBe(reason);
      expect(error.cause).toBe(cause);
    },
  );

  it('RateLimitError keeps Retry-After in milliseconds', () => {
    expect(new RateLimitError({ message: 'm', retryAfterMs: 2_000 }).retryAfterMs).toBe(2_000);
    expect(new RateLimitError({ message: 'm' }).retryAfterMs).toBeUndefined();
  });
});
