import type { IncomingHttpHeaders } from 'node:http';
import { ValidationError } from '@adstract/client';
import { describe, expect, it } from 'vitest';
import { headerLookup } from './header-lookup.js';

describe('headerLookup', () => {
  it('reads a Web Request and Headers', () => {
    const request = new Request('https://app.example', { headers: { 'User-Agent': 'web' } });
    expect(headerLookup(request)('user-agent')).toBe('web');
    expect(headerLookup(request.headers)('user-agent')).toBe('web');
    expect(headerLookup(request.headers)('x-missing')).toBeUndefined();
  });

  it('duck-types Headers instead of using instanceof (other realms, polyfills, Express)', () => {
    class ForeignHeaders {
      get(name: string) {
        return name === 'user-agent' ? 'foreign' : null;
      }
    }
    expect(new ForeignHeaders() instanceof Headers).toBe(false);
    expect(headerLookup(new ForeignHeaders())('user-agent')).toBe('foreign');
    expect(headerLookup({ headers: new ForeignHeaders() })('user-agent')).toBe('foreign');
    const express = {
      headers: {},
      get: (name: string) => (name === 'user-agent' ? 'ex' : undefined),
    };
    expect(headerLookup(express)('user-agent')).toBe('ex');
  });

  it('matches names of a plain record case-insensitively', () => {
    const read = headerLookup({ 'User-Agent': 'mixed', 'X-FORWARDED-FOR': '203.0.113.1' });
    expect(read('user-agent')).toBe('mixed');
    expect(read('x-forwarded-for')).toBe('203.0.113.1');
    expect(headerLookup({ headers: { 'User-Agent': 'wrapped' } })('user-agent')).toBe('wrapped');
  });

  it('accepts a bare Node IncomingHttpHeaders record as well as { headers }', () => {
    const headers: IncomingHttpHeaders = {
      'user-agent': 'node',
      'x-forwarded-for': '198.51.100.4',
      'set-cookie': ['a=1', 'b=2'],
      'x-absent': undefined,
    };
    for (const source of [headers, { headers }]) {
      const read = headerLookup(source);
      expect(read('user-agent')).toBe('node');
      expect(read('set-cookie')).toBe('a=1, b=2');
      expect(read('x-absent')).toBeUndefined();
    }
  });

  it('takes a record with a header named "headers" as the record itself', () => {
    expect(headerLookup({ headers: 'value', 'user-agent': 'ua' })('user-agent')).toBe('ua');
    expect(headerLookup({ headers: ['a', 'b'], 'user-agent': 'ua' })('headers')).toBe('a, b');
  });

  it('joins repeated headers and ignores values that are not text', () => {
    const read = headerLookup({
      'X-Forwarded-For': '6.6.6.6',
      'x-forwarded-for': ['203.0.113.1', 7 as unknown as string],
      'user-agent': 42 as unknown as string,
      accept: { toString: () => 'x' } as unknown as string,
    });
    expect(read('x-forwarded-for')).toBe('6.6.6.6, 203.0.113.1');
    expect(read('user-agent')).toBeUndefined();
    expect(read('accept')).toBeUndefined();
  });

  it('keeps __proto__ and constructor keys as plain data', () => {
    const headers = JSON.parse(
      '{"__proto__": "203.0.113.1", "constructor": "c", "user-agent": "ua"}',
    ) as Record<string, string>;
    const read = headerLookup(headers);
    expect(read('__proto__')).toBe('203.0.113.1');
    expect(read('constructor')).toBe('c');
    expect(read('hasownproperty')).toBeUndefined();
    expect(read('tostring')).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('throws a ValidationError naming the field for a source without headers', () => {
    for (const [source, field] of [
      [null, 'request'],
      [undefined, 'request'],
      ['user-agent: x', 'request'],
      [42, 'request'],
      [[], 'request'],
      [{ headers: null }, 'request.headers'],
      [{ headers: 42 }, 'request.headers'],
    ] as const) {
      const call = () => headerLookup(source);
      expect(call).toThrow(ValidationError);
      try {
        call();
      } catch (error) {
        expect(ValidationError.isInstance(error) && error.field).toBe(field);
      }
    }
  });
});
