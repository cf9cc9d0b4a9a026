import { BlockList } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpAddress, type IpAddress, parseIpAddress } from './ip-address.js';
import { classifyIpAddress, isEndUserIpAddress } from './ip-address-range.js';

const parsed = (text: string): IpAddress => {
  const address = parseIpAddress(text);
  if (address === undefined) throw new Error(`expected ${text} to parse`);
  return address;
};

describe('classifyIpAddress', () => {
  // The first and last address of each range, and a neighbour outside it.
  it.each([
    ['0.0.0.0', 'unspecified', '0.0.0.0/32'],
    ['0.0.0.1', 'reserved', '0.0.0.0/8'],
    ['0.255.255.255', 'reserved', '0.0.0.0/8'],
    ['1.0.0.0', 'public', '0.0.0.0/0'],
    ['9.255.255.255', 'public', '0.0.0.0/0'],
    ['10.0.0.0', 'private', '10.0.0.0/8'],
    ['10.255.255.255', 'private', '10.0.0.0/8'],
    ['11.0.0.0', 'public', '0.0.0.0/0'],
    ['100.63.255.255', 'public', '0.0.0.0/0'],
    ['100.64.0.0', 'shared', '100.64.0.0/10'],
    ['100.127.255.255', 'shared', '100.64.0.0/10'],
    ['100.128.0.0', 'public', '0.0.0.0/0'],
    ['127.0.0.1', 'loopback', '127.0.0.0/8'],
    ['127.255.255.255', 'loopback', '127.0.0.0/8'],
    ['169.254.0.0', 'link-local', '169.254.0.0/16'],
    ['169.254.255.255', 'link-local', '169.254.0.0/16'],
    ['169.255.0.0', 'public', '0.0.0.0/0'],
    ['172.15.255.255', 'public', '0.0.0.0/0'],
    ['172.16.0.0', 'private', '172.16.0.0/12'],
    ['172.31.255.255', 'private', '172.16.0.0/12'],
    ['172.32.0.0', 'public', '0.0.0.0/0'],
    ['192.0.0.8', 'reserved', '192.0.0.0/24'],
    ['192.0.2.0', 'documentation', '192.0.2.0/24'],
    ['192.0.2.255', 'documentation', '192.0.2.0/24'],
    ['192.0.3.0', 'public', '0.0.0.0/0'],
    ['192.88.99.1', 'reserved', '192.88.99.0/24'],
    ['192.167.255.255', 'public', '0.0.0.0/0'],
    ['192.168.0.0', 'private', '192.168.0.0/16'],
    ['192.168.255.255', 'private', '192.168.0.0/16'],
    ['192.169.0.0', 'public', '0.0.0.0/0'],
    ['198.17.255.255', 'public', '0.0.0.0/0'],
    ['198.18.0.0', 'reserved', '198.18.0.0/15'],
    ['198.19.255.255', 'reserved', '198.18.0.0/15'],
    ['198.20.0.0', 'public', '0.0.0.0/0'],
    ['198.51.100.7', 'documentation', '198.51.100.0/24'],
    ['203.0.112.255', 'public', '0.0.0.0/0'],
    ['203.0.113.0', 'documentation', '203.0.113.0/24'],
    ['203.0.113.255', 'documentation', '203.0.113.0/24'],
    ['203.0.114.0', 'public', '0.0.0.0/0'],
    ['223.255.255.255', 'public', '0.0.0.0/0'],
    ['224.0.0.0', 'multicast', '224.0.0.0/4'],
    ['239.255.255.255', 'multicast', '224.0.0.0/4'],
    ['240.0.0.0', 'reserved', '240.0.0.0/4'],
    ['255.255.255.254', 'reserved', '240.0.0.0/4'],
    ['255.255.255.255', 'broadcast', '255.255.255.255/32'],
    ['::', 'unspecified', '::/128'],
    ['::1', 'loopback', '::1/128'],
    ['::ffff:127.0.0.1', 'loopback', '127.0.0.0/8'],
    ['::ffff:10.1.2.3', 'private', '10.0.0.0/8'],
    ['::ffff:203.0.113.7', 'documentation', '203.0.113.0/24'],
    ['::2', 'reserved', '::/96'],
    ['::203.0.113.7', 'reserved', '::/96'],
    ['64:ff9b::8.8.8.8', 'public', '64:ff9b::/96'],
    ['64:ff9b::10.0.0.1', 'private', '10.0.0.0/8'],
    ['64:ff9b:1::1', 'private', '64:ff9b:1::/48'],
    ['100::1', 'reserved', '100::/64'],
    ['1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved', '::/0'],
    ['2000::', 'public', '2000::/3'],
    ['2001::1', 'public', '2001::/32'],
    ['2001:1::1', 'reserved', '2001::/23'],
    ['2001:1ff:ffff::', 'reserved', '2001::/23'],
    ['2001:200::1', 'public', '2000::/3'],
    ['2001:db7:ffff::', 'public', '2000::/3'],
    ['2001:db8::', 'documentation', '2001:db8::/32'],
    ['2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', 'documentation', '2001:db8::/32'],
    ['2001:db9::', 'public', '2000::/3'],
    ['2606:4700::1111', 'public', '2000::/3'],
    ['3fff::1', 'documentation', '3fff::/20'],
    ['3fff:1000::', 'public', '2000::/3'],
    ['4000::', 'reserved', '::/0'],
    ['fbff:ffff::', 'reserved', '::/0'],
    ['fc00::', 'private', 'fc00::/7'],
    ['fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'private', 'fc00::/7'],
    ['fe80::', 'link-local', 'fe80::/10'],
    ['febf:ffff::', 'link-local', 'fe80::/10'],
    ['fec0::1', 'private', 'fec0::/10'],
    ['ff02::1', 'multicast', 'ff00::/8'],
  ])('%s is %s (%s)', (text, kind, range) => {
    expect(classifyIpAddress(parsed(text))).toEqual({ kind, range });
  });
});

/** An independent oracle: node:net's BlockList over the ranges that cannot be an end user's. */
function oracle() {
  const ipv4 = new BlockList();
  for (const [network, prefix] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.88.99.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['224.0.0.0', 3], // multicast, reserved and broadcast together: 224/4 and 240/4
  ] as const) {
    ipv4.addSubnet(network, prefix, 'ipv4');
  }
  const globalUnicast = new BlockList();
  globalUnicast.addSubnet('2000::', 3, 'ipv6');
  const ietf = new BlockList();
  ietf.addSubnet('2001::', 23, 'ipv6');
  const teredo = new BlockList();
  teredo.addSubnet('2001::', 32, 'ipv6');
  const nat64 = new BlockList();
  nat64.addSubnet('64:ff9b::', 96, 'ipv6');
  const endUser = (text: string, version: 4 | 6): boolean => {
    if (version === 4) return !ipv4.check(text, 'ipv4');
    if (nat64.check(text, 'ipv6')) {
      const address = parsed(text);
      return endUser(address.bytes.slice(12).join('.'), 4);
    }
    if (!globalUnicast.check(text, 'ipv6')) return false;
    return !ietf.check(text, 'ipv6') || teredo.check(text, 'ipv6');
  };
  return endUser;
}

describe('isEndUserIpAddress', () => {
  const endUser = oracle();
  const byte = fc.integer({ min: 0, max: 255 });
  /** IPv6 addresses that start in the interesting places, not only in the unallocated space. */
  const ipv6 = fc
    .tuple(
      fc.constantFrom(
        [0x00, 0x00],
        [0x00, 0x64],
        [0x01, 0x00],
        [0x20, 0x01],
        [0x20, 0x02],
        [0x26, 0x06],
        [0x3f, 0xff],
        [0xfc, 0x00],
        [0xfd, 0x12],
        [0xfe, 0x80],
        [0xfe, 0xc0],
        [0xff, 0x02],
      ),
      fc.array(byte, { minLength: 14, maxLength: 14 }),
      fc.nat({ max: 13 }),
    )
    .map(([prefix, rest, zeros]) => {
      // Runs of zero bytes, so that the short special ranges (::1, 64:ff9b::/96, 2001:db8::) occur.
      const bytes = [...prefix, ...rest.map((value, index) => (index < zeros ? 0 : value))];
      if (prefix[0] === 0x00 && prefix[1] === 0x64) bytes.splice(2, 2, 0xff, 0x9b);
      return formatIpAddress({ version: 6, bytes });
    });

  /** IPv4 addresses, half of them with a first byte where special ranges start. */
  const ipv4 = fc.oneof(
    fc.ipV4(),
    fc
      .tuple(
        fc.constantFrom(0, 10, 100, 127, 169, 172, 192, 198, 203, 223, 224, 239, 240, 255),
        byte,
        byte,
        byte,
      )
      .map((bytes) => bytes.join('.')),
  );

  it('agrees with node:net BlockList on random IPv4 addresses', () => {
    fc.assert(
      fc.property(ipv4, (text) => {
        expect(isEndUserIpAddress(parsed(text)), text).toBe(endUser(text, 4));
      }),
      { numRuns: 3_000 },
    );
  });

  it('agrees with node:net BlockList on random IPv6 addresses', () => {
    fc.assert(
      fc.property(ipv6, (text) => {
        const address = parsed(text);
        if (address.version === 4) return; // an IPv4-mapped address: the IPv4 property covers it
        expect(isEndUserIpAddress(address), text).toBe(endUser(text, 6));
      }),
      { numRuns: 3_000 },
    );
  });

  it('accepts public and documentation addresses only', () => {
    expect(isEndUserIpAddress(parsed('8.8.8.8'))).toBe(true);
    expect(isEndUserIpAddress(parsed('203.0.113.7'))).toBe(true);
    expect(isEndUserIpAddress(parsed('2001:db8::7'))).toBe(true);
    expect(isEndUserIpAddress(parsed('192.168.1.1'))).toBe(false);
    expect(isEndUserIpAddress(parsed('::1'))).toBe(false);
  });
});
