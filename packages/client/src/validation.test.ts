import { describe, expect, it } from 'vitest';
import { MissingParameterError } from './errors/missing-parameter-error.js';
import { ValidationError } from './errors/validation-error.js';
import {
  validateOptionalContext,
  validatePrompt,
  validateRequestContext,
  validateWrappingType,
} from './validation.js';

const context = { sessionId: 'session-1', userAgent: 'Mozilla/5.0', userIp: '203.0.113.10' };

/** Runs `check`, expects it to throw, and returns what it threw. */
function thrownBy(check: () => unknown): unknown {
  try {
    check();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function expectInvalid(check: () => unknown, field: string, rule: RegExp): void {
  const error = thrownBy(check);
  expect(ValidationError.isInstance(error)).toBe(true);
  expect(MissingParameterError.isInstance(error)).toBe(false);
  expect(error).toMatchObject({ name: 'ValidationError', field });
  expect((error as Error).message).toMatch(new RegExp(`^${field.replace('.', '\\.')} `));
  expect((error as Error).message).toMatch(rule);
}

describe('validateRequestContext', () => {
  it('returns the three fields', () => {
    expect(validateRequestContext(context)).toEqual(context);
  });

  it.each([undefined, null, 'session-1', 42, ['a']])(
    'rejects a context that is not an object (%j) with MissingParameterError',
    (value) => {
      const error = thrownBy(() => validateRequestContext(value));
      expect(MissingParameterError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ name: 'MissingParameterError', field: 'context' });
      expect((error as Error).message).toMatch(/context is required/);
    },
  );

  describe.each(['sessionId', 'userAgent', 'userIp'] as const)('%s', (key) => {
    it.each([
      ['missing', undefined],
      ['empty', ''],
      ['blank', '   '],
      ['not a string', 42],
      ['null', null],
    ])('is required: %s → MissingParameterError naming the field', (_case, value) => {
      const error = thrownBy(() => validateRequestContext({ ...context, [key]: value }));
      expect(MissingParameterError.isInstance(error)).toBe(true);
      expect(ValidationError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ name: 'MissingParameterError', field: `context.${key}` });
      expect((error as Error).message).toBe(
        `context.${key} is required and must be a non-empty string`,
      );
    });
  });

  it('rejects unknown keys (ValidationError naming the key)', () => {
    expectInvalid(
      () => validateRequestContext({ ...context, session_id: 'snake' }),
      'context.session_id',
      /is not a known field/,
    );
  });

  it('uses the given path in field names', () => {
    const error = thrownBy(() => validateRequestContext({ ...context, userIp: '' }, 'ctx'));
    expect(error).toMatchObject({ field: 'ctx.userIp' });
  });

  it('never echoes the values it was given', () => {
    const error = thrownBy(() =>
      validateRequestContext({
        sessionId: 'secret-session',
        userAgent: '',
        userIp: '198.51.100.99',
      }),
    );
    expect((error as Error).message).not.toContain('198.51.100.99');
    expect((error as Error).message).not.toContain('secret-session');
  });
});

describe("validateRequestContext: the end user's IP", () => {
  it.each([
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::ffff:cb00:7107', '203.0.113.7'],
    ['2001:DB8::77', '2001:db8::77'],
    ['2001:0db8:0:0:0:0:0:0077', '2001:db8::77'],
    [' 203.0.113.10 ', '203.0.113.10'],
  ])('returns %s in its canonical spelling, %s', (userIp, canonical) => {
    expect(validateRequestContext({ ...context, userIp })).toEqual({
      ...context,
      userIp: canonical,
    });
  });

  it.each([
    ['not an IP, with a header injection', 'not-an-ip\r\nX-Evil: 1', /must be an IP address/],
    ['an address with a port', '203.0.113.10:443', /without a port/],
    ['a private address', '192.168.0.10', /192\.168\.0\.0\/16.*proxy misconfiguration/],
    ['loopback', '127.0.0.1', /loopback.*proxy misconfiguration/],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1', /loopback/],
    ['IPv6 unique local', 'fd00::1', /fc00::\/7/],
    ['unspecified', '0.0.0.0', /unspecified/],
    ['link-local', '169.254.10.1', /link-local/],
    ['CGNAT', '100.64.1.1', /carrier-grade NAT/],
    ['multicast', '239.1.1.1', /multicast/],
    ['broadcast', '255.255.255.255', /broadcast/],
    ['reserved', '240.0.0.1', /reserved/],
  ])('rejects %s (ValidationError naming context.userIp)', (_case, userIp, rule) => {
    expectInvalid(() => validateRequestContext({ ...context, userIp }), 'context.userIp', rule);
    expect(
      (thrownBy(() => validateRequestContext({ ...context, userIp })) as Error).message,
    ).not.toContain(userIp.trim());
  });
});

describe('validateRequestContext: sizes and control characters', () => {
  it.each([
    ['sessionId', 256],
    ['userAgent', 1_024],
  ] as const)('accepts %s up to %d UTF-16 code units and rejects one more', (key, limit) => {
    expect(validateRequestContext({ ...context, [key]: 'a'.repeat(limit) })[key]).toHaveLength(
      limit,
    );
    const error = thrownBy(() =>
      validateRequestContext({ ...context, [key]: 'a'.repeat(limit + 1) }),
    );
    expect(error).toMatchObject({
      name: 'ValidationError',
      field: `context.${key}`,
      message: `context.${key} must be at most ${limit} characters (UTF-16 code units); it has ${limit + 1}`,
    });
  });

  it('never quotes an oversized value', () => {
    const huge = `session-${'x'.repeat(1_000_000)}`;
    const error = thrownBy(() => validateRequestContext({ ...context, sessionId: huge }));
    expect((error as Error).message.length).toBeLessThan(200);
    expect((error as Error).message).not.toContain('session-');
  });

  it.each([
    ['sessionId', 'abc\r\nX-Evil: 1', 'U+000D'],
    ['sessionId', 'abc\u0000', 'U+0000'],
    ['userAgent', 'Mozilla/5.0\nX-Evil: 1', 'U+000A'],
  ] as const)('rejects %s with a control character', (key, value, name) => {
    expectInvalid(
      () => validateRequestContext({ ...context, [key]: value }),
      `context.${key}`,
      new RegExp(`must not contain control characters \\(found ${name.replace('+', '\\+')}\\)`),
    );
  });
});

describe('validatePrompt', () => {
  it('accepts a prompt of 32 768 UTF-16 code units, line breaks included', () => {
    const prompt = `line one\n${'a'.repeat(32_768 - 9)}`;
    expect(validatePrompt(prompt)).toBe(prompt);
  });

  it('rejects a longer prompt, giving the limit and the length, never the text', () => {
    const prompt = `secret plan: ${'a'.repeat(5 * 1024 * 1024)}`;
    const error = thrownBy(() => validatePrompt(prompt));
    expect(error).toMatchObject({
      name: 'ValidationError',
      field: 'prompt',
      message: `prompt must be at most 32768 characters (UTF-16 code units); it has ${prompt.length}`,
    });
  });

  it.each([undefined, '', '   ', 42])('rejects %j as missing', (prompt) => {
    expectInvalid(
      () => validatePrompt(prompt),
      'prompt',
      /is required and must be a non-empty string/,
    );
  });
});

describe('validateOptionalContext', () => {
  const full = {
    country: 'US',
    region: 'California',
    city: 'San Francisco',
    asn: 15169,
    age: 21,
    gender: 'female',
  };

  it('accepts the documented example and returns a copy', () => {
    const result = validateOptionalContext(full);
    expect(result).toEqual(full);
    expect(result).not.toBe(full);
  });

  it('returns undefined for undefined and {} for {}', () => {
    expect(validateOptionalContext(undefined)).toBeUndefined();
    expect(validateOptionalContext({})).toEqual({});
  });

  it('drops keys whose value is undefined', () => {
    expect(validateOptionalContext({ country: 'DE', city: undefined })).toEqual({ country: 'DE' });
  });

  it.each([null, 'US', 7, ['US']])('rejects a non-object (%j)', (value) => {
    expectInvalid(() => validateOptionalContext(value), 'optionalContext', /must be an object/);
  });

  it('rejects unknown keys', () => {
    expectInvalid(
      () => validateOptionalContext({ country: 'US', zip: '94103' }),
      'optionalContext.zip',
      /is not a known field \(expected country, region, city, asn, age, gender\)/,
    );
  });

  it.each(['us', 'USA', 'U', 'U1', '', ' US', 'Us', 840])('rejects country %j', (country) => {
    expectInvalid(
      () => validateOptionalContext({ country }),
      'optionalContext.country',
      /ISO 3166-1 alpha-2 code: exactly 2 uppercase letters/,
    );
  });

  it.each(['GB', 'JP', 'ZZ'])('accepts country %s', (country) => {
    expect(validateOptionalContext({ country })).toEqual({ country });
  });

  describe.each(['region', 'city'] as const)('%s', (key) => {
    it('accepts 100 UTF-16 code units and rejects 101', () => {
      expect(validateOptionalContext({ [key]: 'é'.repeat(100) })).toEqual({
        [key]: 'é'.repeat(100),
      });
      expectInvalid(
        () => validateOptionalContext({ [key]: 'é'.repeat(101) }),
        `optionalContext.${key}`,
        /must be at most 100 characters \(UTF-16 code units\); it has 101/,
      );
    });

    it('rejects control characters', () => {
      expectInvalid(
        () => validateOptionalContext({ [key]: 'San\nFrancisco' }),
        `optionalContext.${key}`,
        /must not contain control characters \(found U\+000A\)/,
      );
    });

    it.each(['', '  ', 5, null])('rejects %j', (value) => {
      expectInvalid(
        () => validateOptionalContext({ [key]: value }),
        `optionalContext.${key}`,
        /must be a non-empty string/,
      );
    });
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '15169', null])(
    'rejects asn %j',
    (asn) => {
      expectInvalid(
        () => validateOptionalContext({ asn }),
        'optionalContext.asn',
        /must be a non-negative integer/,
      );
    },
  );

  it.each([0, 15169, 4_294_967_295])('accepts asn %d', (asn) => {
    expect(validateOptionalContext({ asn })).toEqual({ asn });
  });

  it.each([-1, 121, 20.5, Number.NaN, '21', null])('rejects age %j', (age) => {
    expectInvalid(
      () => validateOptionalContext({ age }),
      'optionalContext.age',
      /must be an integer from 0 to 120/,
    );
  });

  it.each([0, 1, 120])('accepts age %d (bounds inclusive)', (age) => {
    expect(validateOptionalContext({ age })).toEqual({ age });
  });

  it.each(['Male', 'FEMALE', 'unknown', '', 1, null])('rejects gender %j', (gender) => {
    expectInvalid(
      () => validateOptionalContext({ gender }),
      'optionalContext.gender',
      /must be one of male, female, other/,
    );
  });

  it.each(['male', 'female', 'other'])('accepts gender %s', (gender) => {
    expect(validateOptionalContext({ gender })).toEqual({ gender });
  });
});

describe('validateWrappingType', () => {
  it.each(['xml', 'plain', 'markdown'])('accepts %s', (value) => {
    expect(validateWrappingType(value)).toBe(value);
  });

  it.each(['XML', 'html', '', undefined, 1])(
    'rejects %j naming the field and the choices',
    (value) => {
      expectInvalid(
        () => validateWrappingType(value),
        'wrappingType',
        /must be one of xml, plain, markdown/,
      );
    },
  );

  it('uses the given field name', () => {
    expect(thrownBy(() => validateWrappingType('html', 'defaults.wrappingType'))).toMatchObject({
      field: 'defaults.wrappingType',
    });
  });
});
