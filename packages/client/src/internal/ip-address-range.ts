import { type IpAddress, parseIpAddress } from './ip-address.js';

/**
 * What kind of address it is, from the IANA special-purpose registries (RFC 6890 and successors).
 * Only `public` and `documentation` can be an end user's address as the app sees it.
 */
export type IpAddressKind =
  | 'public'
  | 'documentation'
  | 'private'
  | 'loopback'
  | 'unspecified'
  | 'link-local'
  | 'shared'
  | 'multicast'
  | 'broadcast'
  | 'reserved';

/** The kind of an address and the range (CIDR) it belongs to. */
export interface IpAddressRange {
  kind: IpAddressKind;
  /** The range that decided it, e.g. `10.0.0.0/8`; `0.0.0.0/0` for a public IPv4 address. */
  range: string;
}

interface RangeRule {
  address: IpAddress;
  prefixLength: number;
  kind: IpAddressKind | 'embedded-ipv4';
  range: string;
}

function rule(range: string, kind: RangeRule['kind']): RangeRule {
  const [text = '', length = ''] = range.split('/');
  const address = parseIpAddress(text);
  if (address === undefined) throw new Error(`not a range: ${range}`);
  return { address, prefixLength: Number(length), kind, range };
}

// First match wins: the narrower ranges come before the wider ones that contain them.
const IPV4_RULES: readonly RangeRule[] = [
  rule('0.0.0.0/32', 'unspecified'),
  rule('0.0.0.0/8', 'reserved'), // "this network"
  rule('10.0.0.0/8', 'private'),
  rule('100.64.0.0/10', 'shared'), // carrier-grade NAT
  rule('127.0.0.0/8', 'loopback'),
  rule('169.254.0.0/16', 'link-local'),
  rule('172.16.0.0/12', 'private'),
  rule('192.0.0.0/24', 'reserved'), // IETF protocol assignments
  rule('192.0.2.0/24', 'documentation'), // TEST-NET-1
  rule('192.88.99.0/24', 'reserved'), // deprecated 6to4 relay anycast
  rule('192.168.0.0/16', 'private'),
  rule('198.18.0.0/15', 'reserved'), // benchmarking
  rule('198.51.100.0/24', 'documentation'), // TEST-NET-2
  rule('203.0.113.0/24', 'documentation'), // TEST-NET-3
  rule('224.0.0.0/4', 'multicast'),
  rule('255.255.255.255/32', 'broadcast'),
  rule('240.0.0.0/4', 'reserved'),
  rule('0.0.0.0/0', 'public'),
];

const IPV6_RULES: readonly RangeRule[] = [
  rule('::/128', 'unspecified'),
  rule('::1/128', 'loopback'),
  rule('::/96', 'reserved'), // deprecated IPv4-compatible addresses
  rule('::ffff:0:0:0/96', 'reserved'), // IPv4-translated (SIIT)
  rule('64:ff9b::/96', 'embedded-ipv4'), // NAT64 well-known prefix: the IPv4 address decides
  rule('64:ff9b:1::/48', 'private'), // local-use NAT64
  rule('100::/64', 'reserved'), // discard-only
  rule('2001::/32', 'public'), // Teredo: a real client's tunnel
  rule('2001::/23', 'reserved'), // IETF protocol assignments (ORCHID, benchmarking, …)
  rule('2001:db8::/32', 'documentation'),
  rule('3fff::/20', 'documentation'), // RFC 9637
  rule('2000::/3', 'public'), // global unicast
  rule('fc00::/7', 'private'), // unique local
  rule('fe80::/10', 'link-local'),
  rule('fec0::/10', 'private'), // deprecated site-local
  rule('ff00::/8', 'multicast'),
  rule('::/0', 'reserved'), // not allocated by IANA
];

function inRange(address: IpAddress, range: RangeRule): boolean {
  let remaining = range.prefixLength;
  for (let index = 0; remaining > 0; index++, remaining -= 8) {
    const mask = remaining >= 8 ? 0xff : (0xff << (8 - remaining)) & 0xff;
    if (((address.bytes[index] ?? 0) & mask) !== ((range.address.bytes[index] ?? 0) & mask)) {
      return false;
    }
  }
  return true;
}

/**
 * The kind of `address` and the range that decides it: private (10/8, 172.16/12, 192.168/16,
 * fc00::/7), loopback, unspecified, link-local, shared (CGNAT 100.64/10), multicast, broadcast,
 * reserved (240/4, benchmarking, IPv6 outside 2000::/3, …), documentation (192.0.2/24,
 * 198.51.100/24, 203.0.113/24, 2001:db8::/32, 3fff::/20) or public.
 */
export function classifyIpAddress(address: IpAddress): IpAddressRange {
  const rules = address.version === 4 ? IPV4_RULES : IPV6_RULES;
  for (const candidate of rules) {
    if (candidate.address.version !== address.version || !inRange(address, candidate)) continue;
    if (candidate.kind === 'embedded-ipv4') {
      const embedded = classifyIpAddress({ version: 4, bytes: address.bytes.slice(12) });
      return embedded.kind === 'public' ? { kind: 'public', range: candidate.range } : embedded;
    }
    return { kind: candidate.kind, range: candidate.range };
  }
  // Unreachable: 0.0.0.0/0 and ::/0 end the lists.
  throw new Error('no range matched');
}

/**
 * True for an address an end user can connect from as the app sees it: public unicast, or in a
 * documentation range (accepted so that examples and tests can use reserved example addresses).
 */
export function isEndUserIpAddress(address: IpAddress): boolean {
  const { kind } = classifyIpAddress(address);
  return kind === 'public' || kind === 'documentation';
}
