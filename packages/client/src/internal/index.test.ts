import { expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error.js';
import * as internal from './index.js';

it('exports the shared validation kit, and nothing else', () => {
  expect(Object.keys(internal).sort()).toEqual(
    [
      'INPUT_LIMITS',
      'MAX_IP_ADDRESS_LENGTH',
      'MAX_TIMER_MS',
      'checkLength',
      'classifyIpAddress',
      'codePointName',
      'findIpAddresses',
      'firstControlCharacter',
      'formatIpAddress',
      'invalid',
      'isEndUserIpAddress',
      'isNonEmptyString',
      'isRecord',
      'normalizeIpAddress',
      'numberIn',
      'objectOf',
      'ofType',
      'parseIpAddress',
      'sameIpAddress',
      'textIn',
      'validateEndUserIp',
      'validateNumber',
    ].sort(),
  );
  expect(internal.INPUT_LIMITS).toEqual({
    prompt: 32_768,
    sessionId: 256,
    userAgent: 1_024,
    region: 100,
    city: 100,
    apiKey: 1_024,
    sdkIdentity: 128,
  });
  expect(internal.MAX_TIMER_MS).toBe(2 ** 31 - 1);
});

it('throws the ValidationError of the main entry, so isInstance and instanceof both hold', () => {
  const error = internal.invalid('field', 'must be set');
  expect(error).toBeInstanceOf(ValidationError);
  expect(ValidationError.isInstance(error)).toBe(true);
});

it('is built as its own entry that shares the error classes of the main one (run the build first)', async () => {
  const dist = new URL('../../dist/', import.meta.url);
  const main = (await import(new URL('index.js', dist).href)) as typeof import('../index.js');
  const kit = (await import(
    new URL('internal/index.js', dist).href
  )) as typeof import('./index.js');
  expect(Object.keys(kit).sort()).toEqual(Object.keys(internal).sort());
  expect(kit.invalid('field', 'must be set')).toBeInstanceOf(main.ValidationError);
});
