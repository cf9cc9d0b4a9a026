import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeIpAddress } from './ip-address.js';

describe('normalizeIpAddress', () => {
  it('accepts IPv4 and IPv6 addresses as they are', () => {
    for (const address of ['203.0.113.9', '0.0.0.0', '255.255.255.255', '10.0.0.2']) {
      expect(normalizeIpAddress(address)).toBe(address);
    }
    for (const address of ['2001:db8::1', '::1', '::', 'fe80::', '2001:db8:0:0:1:0:0:1']) {
      expect(normalizeIpAddress(address)).toBe(address);
    }
    expect(normalizeIpAddress('2001:DB8::A')).toBe('2001:db8::a');
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
    expect(normalizeIpAddress('64:ff9b::203.0.113.9')).toBe('64:ff9b::203.0.113.9');
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
        // Unchanged (but lower-cased), except an IPv4-mapped IPv6 address, which becomes IPv4.
        if (isIP(address) === 4 || isIP(normalized!) === 6) {
          expect(normalized).toBe(address.toLowerCase());
        } else {
          expect(address.toLowerCase()).toMatch(/^(0{0,4}:){1,5}ffff:/);
        }
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
      { numRuns: 5_000 },
    );
    for (const address of ['1:2:3:4:5:6:1.2.3.4', '::1.2.3.4', '1::1.2.3.4', '::ffff:0:1.2.3.4']) {
      expect(normalizeIpAddress(address) !== undefined, address).toBe(isIP(address) !== 0);
    }
  });
});
