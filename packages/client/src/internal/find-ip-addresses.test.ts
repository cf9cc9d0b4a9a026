import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spellingsOf } from '../testing/ip-spellings.js';
import { findIpAddresses } from './find-ip-addresses.js';
import { formatIpAddress, parseIpAddress, sameIpAddress } from './ip-address.js';

/** The canonical spellings of what was found, with the text each match covers. */
function found(text: string): Array<[string, string]> {
  return findIpAddresses(text).map((match) => [
    text.slice(match.start, match.end),
    formatIpAddress(match.address),
  ]);
}

describe('findIpAddresses', () => {
  it('finds addresses between ordinary separators', () => {
    const matches = found('from 203.0.113.7, via 2001:db8::77.');
    expect(matches).toEqual(
      expect.arrayContaining([
        ['203.0.113.7', '203.0.113.7'],
        ['2001:db8::77', '2001:db8::77'],
      ]),
    );
    // Parts of an IPv6 address that parse on their own (`::77`, `db8::`) are reported too.
    expect(matches).toContainEqual(['::77', '::77']);
    expect(found('{"ip":"198.51.100.9"} [2001:db8::1]:443')).toEqual(
      expect.arrayContaining([
        ['198.51.100.9', '198.51.100.9'],
        ['2001:db8::1', '2001:db8::1'],
      ]),
    );
  });

  it('finds a mapped address whole and its IPv4 tail', () => {
    expect(found('::ffff:203.0.113.7')).toEqual(
      expect.arrayContaining([
        ['::ffff:203.0.113.7', '203.0.113.7'],
        ['203.0.113.7', '203.0.113.7'],
      ]),
    );
  });

  it.each([
    ['after a hex word and a colon', 'ad:203.0.113.7', '203.0.113.7'],
    ['glued to a hex word', 'cafe203.0.113.7', '203.0.113.7'],
    ['followed by a hex letter', '203.0.113.7e', '203.0.113.7'],
    ['inside a longer dotted run', 'v1.203.0.113.7.5', '203.0.113.7'],
    ['with leading zeros', 'ip=203.000.113.007', '203.0.113.7'],
    ['after a word ending in hex letters', 'id::ffff:203.0.113.7', '203.0.113.7'],
    ['with a zone id', 'fe80::1%eth0', 'fe80::1'],
    ['upper case and zero-padded', 'X 2001:0DB8:0000:0000:0000:0000:0000:0077 X', '2001:db8::77'],
  ])('finds an address %s', (_case, text, canonical) => {
    expect(found(text).map(([, address]) => address)).toContain(canonical);
  });

  it('finds nothing in text without addresses', () => {
    expect(found('Internal Server Error at 12:30, version 1.2.3, ratio 0.5')).toEqual([]);
    expect(found('')).toEqual([]);
  });

  it('finds every spelling of random addresses, wherever they sit in text', () => {
    // Anything but a hex digit: glued to one, `00:…` and `0:…` cannot be told apart.
    const separator = fc.constantFrom(' ', '"', ',', '=', '(', ')', '\n', 'x', ':', '.');
    fc.assert(
      fc.property(
        fc.oneof(fc.ipV4(), fc.ipV6()),
        fc.nat(),
        separator,
        separator,
        fc.string({ maxLength: 20 }),
        (text, pick, before, after, noise) => {
          const spellings = spellingsOf(text);
          const spelling = spellings[pick % spellings.length]!;
          const body = `${noise}${before}${spelling}${after}${noise}`;
          const address = parseIpAddress(spelling, { leadingZeros: true })!;
          const matches = findIpAddresses(body).filter((match) =>
            sameIpAddress(match.address, address),
          );
          // The match covers the spelling, or at least its tail, which gives the address away.
          expect(matches.length, body).toBeGreaterThan(0);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('reports only what parses as an address', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789abcdef:. x'.split('')) }),
        (text) => {
          for (const match of findIpAddresses(text)) {
            expect(
              parseIpAddress(text.slice(match.start, match.end), { leadingZeros: true }),
            ).toEqual(match.address);
          }
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
