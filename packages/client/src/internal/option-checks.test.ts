import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error.js';
import {
  type Check,
  checkLength,
  codePointName,
  firstControlCharacter,
  invalid,
  isNonEmptyString,
  isRecord,
  MAX_TIMER_MS,
  numberIn,
  objectOf,
  ofType,
  textIn,
  validateNumber,
} from './option-checks.js';

/** Runs `check`, expects it to throw, and returns what it threw. */
function thrownBy(check: () => unknown): unknown {
  try {
    check();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function expectInvalid(check: () => unknown, field: string, message: string): void {
  const error = thrownBy(check);
  expect(ValidationError.isInstance(error)).toBe(true);
  expect(error).toMatchObject({ name: 'ValidationError', field, message });
}

describe('invalid', () => {
  it('is a ValidationError whose message is the field and the rule', () => {
    const error = invalid('cache.maxEntries', 'must be an integer ≥ 1');
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      field: 'cache.maxEntries',
      message: 'cache.maxEntries must be an integer ≥ 1',
    });
  });
});

describe('isRecord', () => {
  it('accepts plain objects only', () => {
    expect(isRecord({})).toBe(true);
    expect(isRecord(Object.create(null))).toBe(true);
    for (const value of [null, undefined, [], 'x', 1, () => {}])
      expect(isRecord(value)).toBe(false);
  });
});

describe('isNonEmptyString', () => {
  it('accepts text and rejects empty, blank and non-strings', () => {
    expect(isNonEmptyString('a')).toBe(true);
    expect(isNonEmptyString(' a ')).toBe(true);
    for (const value of ['', '   ', '\n\t', undefined, null, 1, {}, ['a']]) {
      expect(isNonEmptyString(value)).toBe(false);
    }
  });
});

describe('validateNumber', () => {
  it('passes undefined through', () => {
    expect(validateNumber(undefined, 'retries', { integer: true, min: 0, max: 5 })).toBeUndefined();
  });

  it('accepts values inside the rule', () => {
    expect(validateNumber(0, 'retries', { integer: true, min: 0, max: 5 })).toBe(0);
    expect(validateNumber(5, 'retries', { integer: true, min: 0, max: 5 })).toBe(5);
    expect(validateNumber(0.5, 'timeoutMs', { min: 0, exclusiveMin: true })).toBe(0.5);
  });

  it.each([
    [-1, 'retries must be an integer ≥ 0 and ≤ 5'],
    [6, 'retries must be an integer ≥ 0 and ≤ 5'],
    [1.5, 'retries must be an integer ≥ 0 and ≤ 5'],
    ['2', 'retries must be an integer ≥ 0 and ≤ 5'],
    [Number.NaN, 'retries must be an integer ≥ 0 and ≤ 5'],
  ])('rejects %j for an integer rule', (value, message) => {
    const error = thrownBy(() =>
      validateNumber(value, 'retries', { integer: true, min: 0, max: 5 }),
    );
    expect(error).toMatchObject({ name: 'ValidationError', field: 'retries', message });
  });

  it.each([0, -5, Number.POSITIVE_INFINITY])('rejects %j for an exclusive minimum', (value) => {
    const error = thrownBy(() =>
      validateNumber(value, 'timeoutMs', { min: 0, exclusiveMin: true }),
    );
    expect(error).toMatchObject({
      field: 'timeoutMs',
      message: 'timeoutMs must be a finite number > 0',
    });
  });
});

describe('numberIn', () => {
  it('says the same as validateNumber, for the middleware options', () => {
    const timer = numberIn({ integer: true, min: 1, max: MAX_TIMER_MS });
    expect(() => timer(1, 'timeoutMs')).not.toThrow();
    expect(() => timer(MAX_TIMER_MS, 'timeoutMs')).not.toThrow();
    expectInvalid(
      () => timer(MAX_TIMER_MS + 1, 'timeoutMs'),
      'timeoutMs',
      'timeoutMs must be an integer ≥ 1 and ≤ 2147483647',
    );
    expectInvalid(
      () => numberIn({ integer: true, min: 1 })(0, 'cache.maxEntries'),
      'cache.maxEntries',
      'cache.maxEntries must be an integer ≥ 1',
    );
    expectInvalid(
      () => numberIn({ min: 0 })(Number.NEGATIVE_INFINITY, 'backoffFactorMs'),
      'backoffFactorMs',
      'backoffFactorMs must be a finite number ≥ 0',
    );
  });
});

describe('ofType', () => {
  it('checks typeof and describes the expected value', () => {
    const callback = ofType('function', 'a function');
    expect(() => callback(() => {}, 'onError')).not.toThrow();
    expectInvalid(() => callback('x', 'onError'), 'onError', 'onError must be a function');
    expectInvalid(
      () => ofType('boolean', 'true or false')(1, 'strict'),
      'strict',
      'strict must be true or false',
    );
  });
});

describe('objectOf', () => {
  const checks: Record<string, Check> = {
    maxEntries: numberIn({ integer: true, min: 1 }),
    name: ofType('string', 'a string'),
  };

  it('checks each known key that is not undefined', () => {
    const check = objectOf(checks);
    expect(() => check({ maxEntries: 3, name: undefined }, 'cache')).not.toThrow();
    expectInvalid(
      () => check({ maxEntries: 0 }, 'cache'),
      'cache.maxEntries',
      'cache.maxEntries must be an integer ≥ 1',
    );
  });

  it('rejects unknown keys, quoting them (cut to 64 characters) and listing the known ones', () => {
    expectInvalid(
      () => objectOf(checks)({ maxEntrys: 3 }, 'cache'),
      'cache.maxEntrys',
      'cache."maxEntrys" is not a known option (expected maxEntries, name)',
    );
    const long = 'k'.repeat(1_000);
    const error = thrownBy(() => objectOf(checks)({ [long]: 1 }, ''));
    expect((error as Error).message).toBe(
      `"${'k'.repeat(64)}…" is not a known option (expected maxEntries, name)`,
    );
  });

  it('names the options themselves when the field is empty', () => {
    expectInvalid(() => objectOf(checks)([], ''), 'options', 'options must be an object');
    expectInvalid(() => objectOf(checks)(null, 'cache'), 'cache', 'cache must be an object');
  });
});

describe('textIn', () => {
  const sessionId = textIn({ maxLength: 8 });

  it('accepts a non-empty string up to the limit', () => {
    expect(() => sessionId('12345678', 'sessionId')).not.toThrow();
  });

  it.each(['', '  ', 5, null])('rejects %j as not a non-empty string', (value) => {
    expectInvalid(
      () => sessionId(value, 'sessionId'),
      'sessionId',
      'sessionId must be a non-empty string',
    );
  });

  it('gives the limit and the length, never the value', () => {
    const error = thrownBy(() => sessionId('secret-123', 'sessionId'));
    expect(error).toMatchObject({
      field: 'sessionId',
      message: 'sessionId must be at most 8 characters (UTF-16 code units); it has 10',
    });
    expect((error as Error).message).not.toContain('secret');
  });

  it.each([
    ['a line feed', 'a\nb', 'U+000A'],
    ['a carriage return', 'a\rb', 'U+000D'],
    ['NUL', 'a\u0000', 'U+0000'],
    ['DEL', '\u007fa', 'U+007F'],
    ['a C1 control', 'a\u0085', 'U+0085'],
  ])('rejects %s, naming the code point', (_case, value, name) => {
    expectInvalid(
      () => sessionId(value, 'sessionId'),
      'sessionId',
      `sessionId must not contain control characters (found ${name})`,
    );
  });

  it('allows control characters when told to', () => {
    expect(() =>
      textIn({ maxLength: 8, rejectControlCharacters: false })('a\nb', 'x'),
    ).not.toThrow();
  });
});

describe('checkLength, firstControlCharacter, codePointName', () => {
  it('counts UTF-16 code units', () => {
    expect(() => checkLength('😀😀', 'prompt', 4)).not.toThrow();
    expectInvalid(
      () => checkLength('😀😀😀', 'prompt', 4),
      'prompt',
      'prompt must be at most 4 characters (UTF-16 code units); it has 6',
    );
  });

  it('finds the first control character', () => {
    expect(firstControlCharacter('Mozilla/5.0 (X11)')).toBeUndefined();
    expect(firstControlCharacter('tab\there\nthen')).toBe('U+0009');
    expect(codePointName('😀')).toBe('U+1F600');
  });
});
