import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { redactedCopy, withRedactedCause } from './redacted-copy.js';

const SECRET = 'adpk_s3cr3t_0123456789';
const redactText = (text: string) => text.replaceAll(SECRET, '[redacted]');

/** Everything `inspect` (all hidden properties, any depth), JSON and String can print. */
function printed(value: unknown): string {
  return [
    inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
    JSON.stringify(value) ?? '',
    String(value),
  ].join('\n');
}

describe('redactedCopy', () => {
  it('copies an error as the same built-in type, keeping name, message, stack and code', () => {
    const original = Object.assign(new TypeError(`bad header ${SECRET}`), {
      code: `ERR_${SECRET}`,
      errno: -104,
      retryable: true,
    });
    const copy = redactedCopy(original, redactText) as TypeError & Record<string, unknown>;
    expect(copy).toBeInstanceOf(TypeError);
    expect(copy).not.toBe(original);
    expect(copy.message).toBe('bad header [redacted]');
    expect(copy.stack).toBe(redactText(String(original.stack)));
    expect(copy.stack).toContain('redacted-copy.test.ts');
    expect(copy).toMatchObject({ code: 'ERR_[redacted]', errno: -104, retryable: true });
    expect(printed(copy)).not.toContain(SECRET);
  });

  it('keeps the name of a custom error class on a plain Error', () => {
    class SocketError extends Error {
      override name = 'SocketError';
    }
    const copy = redactedCopy(new SocketError(SECRET), redactText) as Error;
    expect(copy).toBeInstanceOf(Error);
    expect(copy.name).toBe('SocketError');
    expect(String(copy)).toBe('SocketError: [redacted]');
  });

  it('copies the whole cause chain and the errors of an AggregateError', () => {
    const original = new AggregateError(
      [new Error(`first ${SECRET}`), `second ${SECRET}`, { detail: SECRET }],
      `all failed for ${SECRET}`,
      { cause: new RangeError(`root ${SECRET}`, { cause: SECRET }) },
    );
    const copy = redactedCopy(original, redactText) as AggregateError;
    expect(copy).toBeInstanceOf(AggregateError);
    expect(copy.message).toBe('all failed for [redacted]');
    expect(copy.errors).toHaveLength(3);
    expect(copy.errors[0]).toBeInstanceOf(Error);
    expect(copy.errors[1]).toBe('second [redacted]');
    expect(copy.errors[2]).toEqual({ detail: '[redacted]' });
    expect(copy.cause).toBeInstanceOf(RangeError);
    expect((copy.cause as Error).cause).toBe('[redacted]');
    expect(printed(copy)).not.toContain(SECRET);
  });

  it('copies a DOMException as a DOMException with its name', () => {
    const copy = redactedCopy(new DOMException(`timed out ${SECRET}`, 'TimeoutError'), redactText);
    expect(copy).toBeInstanceOf(DOMException);
    expect(copy).toMatchObject({ name: 'TimeoutError', message: 'timed out [redacted]', code: 23 });
    expect(printed(copy)).not.toContain(SECRET);
  });

  it('drops properties holding objects, and getters, where requests and headers hide', () => {
    const original = new Error('fetch failed') as Error & Record<PropertyKey, unknown>;
    original.request = { headers: new Headers({ 'x-adstract-api-key': SECRET }) };
    original.options = { body: JSON.stringify({ key: SECRET }) };
    Object.defineProperty(original, 'response', {
      get: () => ({ secret: SECRET }),
      enumerable: true,
    });
    original[Symbol.for('secret')] = SECRET;
    const copy = redactedCopy(original, redactText) as Record<string, unknown>;
    expect(copy.request).toBeUndefined();
    expect(copy.options).toBeUndefined();
    expect(copy.response).toBeUndefined();
    expect(printed(copy)).not.toContain(SECRET);
  });

  it('copies thrown values that are not errors', () => {
    expect(redactedCopy(`key ${SECRET}`, redactText)).toBe('key [redacted]');
    expect(
      redactedCopy({ [SECRET]: [SECRET, 1, null], nested: { deep: SECRET } }, redactText),
    ).toEqual({ '[redacted]': ['[redacted]', 1, null], nested: { deep: '[redacted]' } });
    for (const value of [undefined, null, 42, 7n, true])
      expect(redactedCopy(value, redactText)).toBe(value);
    expect(redactedCopy(() => SECRET, redactText)).toBe('[function]');
    expect(String(redactedCopy(Symbol(SECRET), redactText))).toBe('Symbol([redacted])');
  });

  it('keeps cycles as cycles, and cuts chains deeper than 16', () => {
    const looped = new Error(SECRET) as Error & { cause?: unknown };
    looped.cause = looped;
    const copy = redactedCopy(looped, redactText) as Error;
    expect(copy.cause).toBe(copy);
    let deep: unknown = SECRET;
    for (let level = 0; level < 40; level++) deep = new Error(`level ${level}`, { cause: deep });
    expect(printed(redactedCopy(deep, redactText))).toContain('[nested too deep]');
    expect(printed(redactedCopy(deep, redactText))).not.toContain(SECRET);
  });

  it('survives getters and proxies that throw', () => {
    const hostile = new Proxy(new Error('x'), {
      get() {
        throw new Error(SECRET);
      },
      getOwnPropertyDescriptor() {
        throw new Error(SECRET);
      },
    });
    expect(() => redactedCopy(hostile, redactText)).not.toThrow();
    expect(printed(redactedCopy(hostile, redactText))).not.toContain(SECRET);
  });
});

describe('withRedactedCause', () => {
  it('replaces the cause of the error in place, and leaves an error without one alone', () => {
    const error = new Error('Could not reach Adstract', { cause: new TypeError(SECRET) });
    expect(withRedactedCause(error, redactText)).toBe(error);
    expect(error.cause).toBeInstanceOf(TypeError);
    expect((error.cause as Error).message).toBe('[redacted]');
    expect(Object.getOwnPropertyDescriptor(error, 'cause')?.enumerable).toBe(false);
    const bare = new Error('bare');
    withRedactedCause(bare, redactText);
    expect(Object.hasOwn(bare, 'cause')).toBe(false);
  });
});
