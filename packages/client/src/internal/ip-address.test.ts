import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatIpAddress,
  MAX_IP_ADDRESS_LENGTH,
  normalizeIpAddress,
  parseIpAddress,
  sameIpAddress,
} from './ip-address.js';

/** The WHATWG URL serialiser as an independent oracle of the RFC 5952 spelling of an IPv6 address. */
const urlSpelling = (address: string) => new URL(`http://[${address}]`).hostname.slice(1, -1);

const parsed = (text: string) => {
  const address = parseIpAddress(text);
  if (address === undefined) throw new Error(`expected ${text} to parse`);
  return address;
};

describe('parseIpAddress', () => {
  it('reads IPv4 and IPv6 into bytes', () => {
    expect(parseIpAddress('203.0.113.7')).toEqual({ version: 4, bytes: [203, 0, 113, 7] });
    expect(parseIpAddress('2001:db8::7')).toEqual({
      version: 6,
      bytes: [0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 7],
    });
    expect(parseIpAddress('::')).toEqual({ version: 6, bytes: new Array(16).fill(0) });
  });

  it('reads every IPv4-mapped spelling as the IPv4 address', () => {
    for (const spelling of [
      '::ffff:203.0.113.7',
      '::FFFF:203.0.113.7',
      '::ffff:cb00:7107',
      '0:0:0:0:0:ffff:cb00:7107',
      '0000:0000:0000:0000:0000:FFFF:CB00:7107',
      '::0:ffff:203.0.113.7',
    ]) {
      expect(parseIpAddress(spelling), spelling).toEqual({ version: 4, bytes: [203, 0, 113, 7] });
    }
  });

  it('is strict: no spaces, port, brackets, zone id or leading zeros in IPv4', () => {
    for (const text of [
      ' 203.0.113.7',
      '203.0.113.7 ',
      '203.0.113.7:80',
      '[2001:db8::7]',
      'fe80::1%eth0',
      '203.000.113.7',
      '010.0.0.1',
      '',
      'not-an-ip\r\nX-Evil: 1',
      '203.0.113.7\n',
    ]) {
      expect(parseIpAddress(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('reads IPv4 leading zeros as decimal when asked (for redaction)', () => {
    const address = parseIpAddress('203.000.113.007', { leadingZeros: true });
    expect(address).toEqual({ version: 4, bytes: [203, 0, 113, 7] });
    expect(parseIpAddress('::ffff:203.000.113.007', { leadingZeros: true })).toEqual(address);
    expect(parseIpAddress('203.0.113.0007', { leadingZeros: true })).toBeUndefined();
  });

  it('refuses text longer than any spelling of an address', () => {
    const longest = '0000:0000:0000:0000:0000:ffff:203.000.113.007';
    expect(longest).toHaveLength(MAX_IP_ADDRESS_LENGTH);
    expect(parseIpAddress(longest, { leadingZeros: true })).toBeDefined();
    expect(parseIpAddress(`0${longest}`, { leadingZeros: true })).toBeUndefined();
    expect(parseIpAddress('1'.repeat(100_000))).toBeUndefined();
  });

  it('accepts exactly what node:net accepts, on arbitrary text (node:net only as the oracle)', () => {
    const alphabet = fc.constantFrom(...'0123456789abcdefABCDEF:.x%[] '.split(''));
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 45 }), (text) => {
        const address = parseIpAddress(text);
        // IPv4 with a leading zero is ambiguous: node:net refuses it too.
        expect(address !== undefined, JSON.stringify(text)).toBe(
          isIP(text) !== 0 && !text.includes('%'),
        );
      }),
      { numRuns: 3_000 },
    );
  });
});

describe('formatIpAddress', () => {
  it.each([
    ['2001:DB8::77', '2001:db8::77'],
    ['2001:0db8:0000:0000:0000:0000:0000:0077', '2001:db8::77'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::ffff:cb00:7107', '203.0.113.7'],
    ['64:ff9b::203.0.113.9', '64:ff9b::cb00:7109'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['::', '::'],
    ['fe80::', 'fe80::'],
  ])('spells %s as %s (RFC 5952; IPv4-mapped as IPv4)', (input, canonical) => {
    expect(formatIpAddress(parsed(input))).toBe(canonical);
  });

  it('agrees with the WHATWG URL serialiser on every IPv6 address, mapped ones excepted', () => {
    fc.assert(
      fc.property(fc.ipV6(), (text) => {
        const address = parsed(text);
        if (address.version === 4) {
          expect(text.toLowerCase()).toMatch(/^(0{0,4}:){1,5}ffff:/);
          expect(formatIpAddress(address)).toBe(address.bytes.join('.'));
        } else {
          expect(formatIpAddress(address)).toBe(urlSpelling(text));
        }
        // The canonical spelling reads back as the same address.
        expect(sameIpAddress(parsed(formatIpAddress(address)), address)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps IPv4 addresses as they are', () => {
    fc.assert(
      fc.property(fc.ipV4(), (text) => {
        expect(formatIpAddress(parsed(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('sameIpAddress', () => {
  it('compares addresses, not spellings', () => {
    expect(sameIpAddress(parsed('2001:DB8::77'), parsed('2001:db8:0:0:0:0:0:77'))).toBe(true);
    expect(sameIpAddress(parsed('::ffff:203.0.113.7'), parsed('203.0.113.7'))).toBe(true);
    expect(sameIpAddress(parsed('203.0.113.7'), parsed('203.0.113.8'))).toBe(false);
    // An IPv4-compatible address (`::a.b.c.d`, deprecated) is not the IPv4 address.
    expect(sameIpAddress(parsed('::203.0.113.7'), parsed('203.0.113.7'))).toBe(false);
  });
});

describe('normalizeIpAddress', () => {
  it('accepts IPv4 and IPv6 addresses, in their canonical spelling', () => {
    for (const address of ['203.0.113.9', '0.0.0.0', '255.255.255.255', '10.0.0.2']) {
      expect(normalizeIpAddress(address)).toBe(address);
    }
    for (const address of ['2001:db8::1', '::1', '::', 'fe80::']) {
      expect(normalizeIpAddress(address)).toBe(address);
    }
    expect(normalizeIpAddress('2001:DB8::A')).toBe('2001:db8::a');
    expect(normalizeIpAddress('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(normalizeIpAddress('  203.0.113.9 ')).toBe('203.0.113.9');
  });

  it('strips the port of an IPv4 address and the brackets and port of an IPv6 address', () => {
    expect(normalizeIpAddress('203.0.113.9:8080')).toBe('203.0.113.9');
    expect(normalizeIpAddress('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(normalizeIpAddress('[2001:db8::1]')).toBe('2001:db8::1');
    expect(normalizeIpAddress('203.0.113.9:99999')).toBeUndefined();
    expect(normalizeIpAddress('203.0.113.9:')).toBeUndefined();
    expect(normalizeIpAddress('[2001:db8::1]:http')).toBeUndefined();
    expect(normalizeIpAddress('[2001:db8::1')).toBeUndefined();
    expect(normalizeIpAddress('[203.0.113.9]')).toBeUndefined();
  });

  it('returns IPv4-mapped IPv6 addresses as IPv4', () => {
    expect(normalizeIpAddress('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(normalizeIpAddress('::FFFF:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeIpAddress('::ffff:cb00:7109')).toBe('203.0.113.9');
    expect(normalizeIpAddress('[::ffff:203.0.113.9]:3000')).toBe('203.0.113.9');
    expect(normalizeIpAddress('64:ff9b::203.0.113.9')).toBe('64:ff9b::cb00:7109');
  });

  it('treats anything that is not an address as absent', () => {
    for (const garbage of [
      '',
      '   ',
      'unknown',
      'not-an-ip',
      'evil',
      'localhost',
      '_hidden',
      '203.0.113',
      '203.0.113.9.1',
      '256.1.1.1',
      '010.0.0.1',
      '1.2.3.-4',
      '203.0.113.9, 10.0.0.1',
      '2001:db8:::1',
      '2001:db8::1::2',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7::8',
      '12345::',
      'fe80::1%eth0',
      '1.2.3.4::',
      '::1.2.3.4:5',
      '203.0.113.9 evil',
      '٣.٣.٣.٣',
      `${'1'.repeat(100_000)}`,
    ]) {
      expect(normalizeIpAddress(garbage), garbage.slice(0, 40)).toBeUndefined();
    }
  });

  it('accepts every address fast-check generates, as node:net understands it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (address) => {
        const normalized = normalizeIpAddress(address);
        expect(normalized).toBeDefined();
        expect(isIP(normalized!)).not.toBe(0);
      }),
      { numRuns: 2_000 },
    );
  });

  it('agrees with node:net on arbitrary text (node:net only as the test oracle: the parser is edge-safe)', () => {
    const alphabet = fc.constantFrom(...'0123456789abcdefABCDEF:.x%[] '.split(''));
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 45 }), (text) => {
        const normalized = normalizeIpAddress(text);
        // Sound: whatever comes out is an address.
        if (normalized !== undefined) expect(isIP(normalized)).not.toBe(0);
        // Complete: every address Node accepts (without a zone id) comes out.
        const trimmed = text.trim();
        if (isIP(trimmed) !== 0 && !trimmed.includes('%')) expect(normalized).toBeDefined();
      }),
      { numRuns: 3_000 },
    );
    for (const address of ['1:2:3:4:5:6:1.2.3.4', '::1.2.3.4', '1::1.2.3.4', '::ffff:0:1.2.3.4']) {
      expect(normalizeIpAddress(address) !== undefined, address).toBe(isIP(address) !== 0);
    }
  });
});
