import { describe, expect, it } from 'vitest';
import { redact } from './redact.js';

describe('redact', () => {
  it('replaces every occurrence of every secret', () => {
    expect(
      redact('key k3y-1234, ip 203.0.113.24, key k3y-1234', ['k3y-1234', '203.0.113.24']),
    ).toBe('key [redacted], ip [redacted], key [redacted]');
  });

  it('redacts a secret that contains another one whole', () => {
    expect(redact('203.0.113.245', ['203.0.113.24', '203.0.113.245'])).toBe('[redacted]');
  });

  it('ignores empty secrets and leaves other text alone', () => {
    expect(redact('nothing secret here', ['', 'absent'])).toBe('nothing secret here');
  });
});
