import { describe, expect, it } from 'vitest';
import { parseIpAddress } from './internal/ip-address.js';
import { type PrivateValues, redactIpAddress, redactPrivateValues } from './private-values.js';
import { spellingsOf } from './testing/ip-spellings.js';

const address = (text: string) => parseIpAddress(text)!;

describe('redactIpAddress', () => {
  it.each(['203.0.113.7', '2001:db8::77', '2001:db8:0:1::', '198.51.100.200'])(
    'redacts every spelling of %s, and nothing else',
    (canonical) => {
      for (const spelling of spellingsOf(canonical)) {
        const text = `{"ip":"${spelling}","other":"203.0.113.8","v6":"2001:db8::78"}`;
        expect(redactIpAddress(text, address(canonical)), spelling).toBe(
          '{"ip":"[redacted]","other":"203.0.113.8","v6":"2001:db8::78"}',
        );
      }
    },
  );

  it('redacts inside prose, several times, and leaves other numbers alone', () => {
    expect(
      redactIpAddress(
        'blocked ::FFFF:CB00:7107 (was 203.0.113.7.) at 12:30, ratio 0.5, v1.2.3',
        address('203.0.113.7'),
      ),
    ).toBe('blocked [redacted] (was [redacted].) at 12:30, ratio 0.5, v1.2.3');
  });

  it('redacts an address glued to hex letters or digits it cannot be told apart from, whole', () => {
    expect(redactIpAddress('id::ffff:203.0.113.7', address('203.0.113.7'))).toBe('id[redacted]');
    expect(redactIpAddress('v1.203.0.113.7', address('203.0.113.7'))).toBe('v1.[redacted]');
  });
});

describe('redactPrivateValues', () => {
  const values: PrivateValues = {
    strings: ['adpk_key_0123456789', 'sess "é" 42'],
    ipAddress: address('2001:db8::77'),
  };

  it('redacts the strings as written, JSON-escaped and ASCII-escaped, and the IP', () => {
    const text = [
      'adpk_key_0123456789',
      'sess "é" 42',
      JSON.stringify('sess "é" 42'),
      '"sess \\"\\u00e9\\" 42"',
      '2001:0DB8:0:0:0:0:0:77',
    ].join(' | ');
    expect(redactPrivateValues(text, values)).toBe(
      '[redacted] | [redacted] | "[redacted]" | "[redacted]" | [redacted]',
    );
  });

  it('leaves text without private values as it is', () => {
    const text = '{"detail":"Internal error","at":"2001:db8::78"}';
    expect(redactPrivateValues(text, values)).toBe(text);
    expect(redactPrivateValues(text, { strings: [], ipAddress: undefined })).toBe(text);
  });
});
