import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { validateBaseURL } from './base-url.js';
import { ValidationError } from './errors/validation-error.js';

function rejection(value: unknown): ValidationError {
  try {
    validateBaseURL(value);
  } catch (error) {
    if (ValidationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the URL to be refused');
}

describe('validateBaseURL', () => {
  it.each([
    ['https://api.adstract.ai', 'https://api.adstract.ai'],
    ['https://api.adstract.ai///', 'https://api.adstract.ai'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
    ['https://proxy.example.com/adstract/', 'https://proxy.example.com/adstract'],
    ['HTTPS://API.ADSTRACT.AI', 'https://api.adstract.ai'],
  ])('accepts %s as %s', (value, expected) => {
    expect(validateBaseURL(value)).toBe(expected);
  });

  it.each(['api.adstract.ai', 'ftp://api.adstract.ai', '', 42, undefined])(
    'refuses %j: not an http(s) URL',
    (value) => {
      expect(rejection(value)).toMatchObject({
        field: 'baseURL',
        message: 'baseURL must be an http(s) URL',
      });
    },
  );

  it.each([
    'https://user:hunter2-password@api.adstract.ai',
    'https://:hunter2-password@api.adstract.ai',
    'https://hunter2-password@api.adstract.ai',
  ])('refuses credentials (%s) without printing them anywhere', (value) => {
    const error = rejection(value);
    expect(error).toMatchObject({
      field: 'baseURL',
      message:
        'baseURL must not contain a username or password (the API key goes in apiKey, never in the URL)',
    });
    const printed = `${inspect(error, { showHidden: true, depth: Number.POSITIVE_INFINITY })}${JSON.stringify(error)}`;
    expect(printed).not.toContain('hunter2');
  });

  it.each(['https://api.adstract.ai/?key=1', 'https://api.adstract.ai/#top'])(
    'refuses a query or a fragment (%s)',
    (value) => {
      expect(rejection(value).message).toBe(
        'baseURL must not have a query or a fragment (request paths are appended to it)',
      );
    },
  );
});
