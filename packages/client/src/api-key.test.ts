import { describe, expect, it } from 'vitest';
import { validateApiKey } from './api-key.js';
import { ValidationError } from './errors/validation-error.js';

const KEY = 'adpk_live_Zx81qQ0pLm2';

function rejection(value: unknown, source: 'option' | 'environment' = 'option'): ValidationError {
  try {
    validateApiKey(value, source);
  } catch (error) {
    if (ValidationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the key to be refused');
}

/** Neither the key nor any 4-character piece of it is in the message. */
function expectNotQuoted(message: string): void {
  for (let index = 0; index + 4 <= KEY.length; index++) {
    expect(message).not.toContain(KEY.slice(index, index + 4));
  }
}

describe('validateApiKey', () => {
  it('returns a key of printable ASCII of 10 or more characters as it is', () => {
    expect(validateApiKey(KEY, 'option')).toBe(KEY);
    expect(validateApiKey('0123456789', 'option')).toBe('0123456789');
    expect(validateApiKey('!~'.repeat(512), 'environment')).toHaveLength(1_024);
  });

  it.each([undefined, null, 42, '', '   ', '\n'])('requires a key (%j)', (value) => {
    expect(rejection(value)).toMatchObject({
      field: 'apiKey',
      message:
        'apiKey is required and must be at least 10 characters (pass apiKey or set ADSTRACT_API_KEY)',
    });
  });

  it.each([
    [
      'a trailing newline',
      `${KEY}\n`,
      'option',
      'apiKey contains a line break (at the end); check for a trailing newline in the value passed as apiKey',
    ],
    [
      'a trailing CRLF from the environment',
      `${KEY}\r\n`,
      'environment',
      'apiKey contains a line break (at the end); check for a trailing newline in ADSTRACT_API_KEY',
    ],
    [
      'an inner LF',
      `${KEY.slice(0, 8)}\n${KEY.slice(8)}`,
      'environment',
      'apiKey contains a line break (inside); check for a trailing newline in ADSTRACT_API_KEY',
    ],
    [
      'a leading space',
      ` ${KEY}`,
      'option',
      'apiKey contains whitespace (U+0020, at the start); check for spaces copied with the key into the value passed as apiKey',
    ],
    [
      'a tab inside',
      `${KEY.slice(0, 5)}\t${KEY.slice(5)}`,
      'environment',
      'apiKey contains whitespace (U+0009, inside); check for spaces copied with the key into ADSTRACT_API_KEY',
    ],
    [
      'a no-break space',
      `${KEY}\u00a0`,
      'option',
      'apiKey contains whitespace (U+00A0, at the end); check for spaces copied with the key into the value passed as apiKey',
    ],
    [
      'NUL',
      `${KEY}\u0000`,
      'environment',
      'apiKey contains a control character (U+0000, at the end); ADSTRACT_API_KEY does not hold a key as issued',
    ],
    [
      'DEL inside',
      `${KEY.slice(0, 3)}\u007f${KEY.slice(3)}`,
      'option',
      'apiKey contains a control character (U+007F, inside); the value passed as apiKey does not hold a key as issued',
    ],
    [
      'a smart quote',
      `\u2019${KEY}`,
      'option',
      'apiKey contains a character outside printable ASCII (U+2019, at the start); keys are ASCII, check for a character pasted with the key into the value passed as apiKey',
    ],
    [
      'an emoji',
      `${KEY}😀`,
      'environment',
      'apiKey contains a character outside printable ASCII (U+1F600, at the end); keys are ASCII, check for a character pasted with the key into ADSTRACT_API_KEY',
    ],
  ] as const)(
    'refuses %s, saying what and where, never quoting the key',
    (_case, value, source, message) => {
      const error = rejection(value, source);
      expect(error).toMatchObject({ name: 'ValidationError', field: 'apiKey', message });
      expectNotQuoted(error.message);
      expectNotQuoted(String(error.stack));
    },
  );

  it('refuses keys shorter than 10 or longer than 1 024 characters', () => {
    expect(rejection('adpk_123').message).toMatch(/at least 10 characters/);
    expect(rejection('k'.repeat(1_025), 'environment').message).toBe(
      'apiKey must be at most 1024 characters; check ADSTRACT_API_KEY holds only the key',
    );
  });
});
