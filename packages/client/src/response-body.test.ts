import { describe, expect, it } from 'vitest';
import { UnexpectedResponseError } from './errors/index.js';
import { parseJsonBody, wrongShape } from './response-body.js';
import { screenedResponse } from './testing/adstract-server.js';

const secret = '203.0.113.24';
const text = `{"detail":"from ${secret}"}`;
const safeText = '{"detail":"from [redacted]"}';

function thrownBy(check: () => unknown): unknown {
  try {
    check();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('parseJsonBody', () => {
  it('parses the body as received, not the redacted copy', () => {
    expect(parseJsonBody(screenedResponse(200, text, safeText), 'start')).toEqual({
      detail: `from ${secret}`,
    });
  });

  it('reports invalid JSON with the redacted copy, and a SyntaxError quoting only that copy', () => {
    const raw = `${secret} is not JSON`;
    const error = thrownBy(() =>
      parseJsonBody(screenedResponse(502, raw, '[redacted] is not JSON'), 'start'),
    );
    expect(UnexpectedResponseError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      message: 'Adstract start answered 502 with invalid JSON',
      statusCode: 502,
      responseBody: '[redacted] is not JSON',
    });
    const cause = (error as Error).cause;
    expect(cause).toBeInstanceOf(SyntaxError);
    expect((cause as SyntaxError).message).toContain('[redacted');
    // V8 quotes only the first characters: even a prefix of the secret must not be there.
    expect((cause as SyntaxError).message).not.toContain(secret.slice(0, 8));
  });
});

describe('wrongShape', () => {
  it('names the problem and carries the redacted copy', () => {
    const error = wrongShape(screenedResponse(200, text, safeText), 'acknowledge', 'x is missing');
    expect(error).toMatchObject({
      name: 'UnexpectedResponseError',
      message: 'Adstract acknowledge answered 200 with an unexpected body: x is missing',
      statusCode: 200,
      responseBody: safeText,
    });
  });
});
