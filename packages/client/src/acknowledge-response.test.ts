import { describe, expect, it } from 'vitest';
import { interpretAcknowledgeResponse } from './acknowledge-response.js';
import {
  AdAcknowledgmentError,
  AdResponseNotFoundError,
  AdSDKError,
  AuthenticationError,
  DuplicateAcknowledgmentError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
  UnsuccessfulAdResponseError,
} from './errors/index.js';
import { ackBody, reachableStrings, screenedResponse } from './testing/adstract-server.js';

function thrownBy(check: () => unknown): unknown {
  try {
    check();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('interpretAcknowledgeResponse: successes', () => {
  it.each([
    [200, 'ok', true],
    [200, 'no_ad_used', true],
    [201, 'recoverable_error', false],
  ] as const)('%d with status %s → a result (success %s)', (status, ackStatus, success) => {
    expect(interpretAcknowledgeResponse(screenedResponse(status, ackBody(ackStatus)))).toEqual({
      adAckId: 'ack-1',
      status: ackStatus,
      success,
      httpStatus: status,
    });
  });
});

describe('interpretAcknowledgeResponse: bodies', () => {
  it.each([
    ['not JSON', 'Internal', /invalid JSON/],
    ['an array', [ackBody()], /not a JSON object/],
    [
      'missing ad_ack_id',
      ackBody('ok', { ad_ack_id: undefined }),
      /ad_ack_id must be a non-empty string/,
    ],
    [
      'an empty ad_ack_id',
      ackBody('ok', { ad_ack_id: '' }),
      /ad_ack_id must be a non-empty string/,
    ],
    [
      'an unknown status',
      ackBody('ok', { status: 'done' }),
      /status must be ok, no_ad_used or recoverable_error/,
    ],
    ['a missing status', ackBody('ok', { status: undefined }), /status must be ok/],
    [
      'a status that only coerces to a known one',
      ackBody('ok', { status: ['ok'] }),
      /status must be ok/,
    ],
    [
      'an inherited property name as status',
      ackBody('ok', { status: 'toString' }),
      /status must be ok/,
    ],
    [
      'success false with ok',
      ackBody('ok', { success: false }),
      /success must be true when status is ok/,
    ],
    [
      'success false with no_ad_used',
      ackBody('no_ad_used', { success: false }),
      /success must be true when status is no_ad_used/,
    ],
    ['success missing', ackBody('ok', { success: undefined }), /success must be true/],
  ])('throws UnexpectedResponseError for %s', (_case, body, message) => {
    const error = thrownBy(() => interpretAcknowledgeResponse(screenedResponse(200, body)));
    expect(UnexpectedResponseError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^Adstract acknowledge answered 200/);
    expect((error as Error).message).toMatch(message);
    expect(error).toMatchObject({ statusCode: 200 });
  });
});

describe('interpretAcknowledgeResponse: HTTP status against body status', () => {
  it.each([
    [200, ackBody('recoverable_error'), /status must be ok or no_ad_used with HTTP 200/],
    [201, ackBody('ok'), /status must be recoverable_error with HTTP 201/],
    [201, ackBody('no_ad_used'), /status must be recoverable_error with HTTP 201/],
    [
      201,
      ackBody('recoverable_error', { success: true }),
      /success must be false when status is recoverable_error/,
    ],
  ])('%d with %o → UnexpectedResponseError (wrong shape)', (status, body, message) => {
    const error = thrownBy(() => interpretAcknowledgeResponse(screenedResponse(status, body)));
    expect(UnexpectedResponseError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      `Adstract acknowledge answered ${status} with an unexpected body: `,
    );
    expect((error as Error).message).toMatch(message);
    expect(error).toMatchObject({ statusCode: status, responseBody: JSON.stringify(body) });
  });
});

describe('interpretAcknowledgeResponse: only the redacted copy reaches errors', () => {
  it.each([
    ['a 401', 401, '{"detail":"SECRET"}'],
    ['a 503', 503, 'SECRET down'],
    ['invalid JSON', 200, 'SECRET is not JSON'],
    ['a wrong shape', 200, '{"detail":"SECRET"}'],
  ])('%s carries the redacted copy, and no SyntaxError of the raw body', (_case, status, text) => {
    const safeText = text.replace('SECRET', '[redacted]');
    const response = screenedResponse(status, text, safeText);
    let error: unknown;
    try {
      error = interpretAcknowledgeResponse(response);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toMatchObject({ statusCode: status, responseBody: safeText });
    expect(reachableStrings(error).join('\n')).not.toContain('SECRET');
  });
});

describe('interpretAcknowledgeResponse: statuses', () => {
  const cases = [
    [400, AuthenticationError, /API key format is invalid/],
    [401, AuthenticationError, /API key is missing or invalid/],
    [403, AuthenticationError, /belongs to another platform/],
    [404, AdResponseNotFoundError, /ad response id is unknown/],
    [406, UnsuccessfulAdResponseError, /not a successful enhancement/],
    [409, DuplicateAcknowledgmentError, /already acknowledged/],
    [429, RateLimitError, /rate limited/],
    [500, ServerError, /outcome is unknown/],
    [503, ServerError, /outcome is unknown/],
    [402, UnexpectedResponseError, /does not document/],
    [422, UnexpectedResponseError, /does not document/],
    [302, UnexpectedResponseError, /does not document/],
  ] as const;

  it.each(cases.map(([status, type, message]) => [status, type.name, type, message] as const))(
    '%d → %s',
    (status, _name, ErrorType, message) => {
      const result = interpretAcknowledgeResponse(screenedResponse(status, { detail: 'x' }));
      expect(ErrorType.isInstance(result)).toBe(true);
      expect(AdSDKError.isInstance(result)).toBe(true);
      expect(result).toMatchObject({ statusCode: status, responseBody: '{"detail":"x"}' });
      expect((result as Error).message).toMatch(`Adstract acknowledge answered ${status}: `);
      expect((result as Error).message).toMatch(message);
    },
  );

  it('groups 404, 406 and 409 under AdAcknowledgmentError', () => {
    for (const status of [404, 406, 409]) {
      expect(
        AdAcknowledgmentError.isInstance(
          interpretAcknowledgeResponse(screenedResponse(status, '')),
        ),
      ).toBe(true);
    }
    for (const status of [401, 429, 500]) {
      expect(
        AdAcknowledgmentError.isInstance(
          interpretAcknowledgeResponse(screenedResponse(status, '')),
        ),
      ).toBe(false);
    }
  });
});
