import { describe, expect, it } from 'vitest';
import { pathOf } from './path-of.js';

describe('pathOf', () => {
  it('drops the query string and handles absolute targets', () => {
    expect(pathOf('/api/ad-injection/start/?debug=1')).toBe('/api/ad-injection/start/');
    expect(pathOf('/v1/responses')).toBe('/v1/responses');
    expect(pathOf('http://example.test/v1/models?x')).toBe('/v1/models');
    expect(pathOf(undefined)).toBe('/');
  });
});
