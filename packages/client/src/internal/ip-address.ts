// A small IP parser without Node-only modules: this code also runs in edge runtimes.

/**
 * An IP address as numbers: 4 bytes for IPv4, 16 for IPv6. An IPv4-mapped IPv6 address
 * (`::ffff:203.0.113.7`) is the IPv4 address it maps: the same end user, spelt differently.
 */
export interface IpAddress {
  readonly version: 4 | 6;
  readonly bytes: readonly number[];
}

/** How {@link parseIpAddress} reads text. */
export interface ParseIpAddressOptions {
  /**
   * Read `203.000.113.007` as `203.0.113.7`. Off by default: a leading zero is ambiguous (octal
   * for `inet_aton`), so it is refused as input; redaction turns it on to catch every spelling.
   */
  leadingZeros?: boolean;
}

/** Longest spelling of an address: eight 4-digit groups, or six groups and a dotted IPv4 (45). */
export const MAX_IP_ADDRESS_LENGTH = 45;

const IPV4_PART = /^(?:0|[1-9]\d{0,2})$/;
const IPV4_PART_WITH_ZEROS = /^\d{1,3}$/;
const IPV6_GROUP = /^[0-9a-f]{1,4}$/i;
const PORT = /^\d{1,5}$/;
/** Longest text {@link normalizeIpAddress} looks at: a bracketed IPv6 with a port. */
const MAX_CANDIDATE_LENGTH = 64;

function parseIpv4(text: string, leadingZeros: boolean): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const rule = leadingZeros ? IPV4_PART_WITH_ZEROS : IPV4_PART;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!rule.test(part)) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    bytes.push(value);
  }
  return bytes;
}

/** The 16-bit groups of one side of `::` (a dotted IPv4 allowed last), or undefined. */
function groupsOf(half: string, ipv4Allowed: boolean, leadingZeros: boolean): number[] | undefined {
  if (half === '') return [];
  const groups: number[] = [];
  const pieces = half.split(':');
  for (const [index, piece] of pieces.entries()) {
    if (ipv4Allowed && index === pieces.length - 1 && piece.includes('.')) {
      const bytes = parseIpv4(piece, leadingZeros);
      if (bytes === undefined) return undefined;
      groups.push(bytes[0]! * 256 + bytes[1]!, bytes[2]! * 256 + bytes[3]!);
    } else if (IPV6_GROUP.test(piece)) {
      groups.push(Number.parseInt(piece, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

/** The eight groups of an IPv6 address (`::` compression, trailing dotted IPv4), or undefined. */
function parseIpv6(text: string, leadingZeros: boolean): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groupsOf(halves[0] ?? '', halves.length === 1, leadingZeros);
  if (head === undefined) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const tail = groupsOf(halves[1] ?? '', true, leadingZeros);
  if (tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  // `::` stands for at least one group of zeros.
  if (missing < 1) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

/**
 * Parses exactly one IP address: dotted IPv4 (`203.0.113.7`) or IPv6 in any RFC 4291 spelling
 * (`2001:DB8::7`, `2001:0db8:0:0:0:0:0:7`, `::ffff:203.0.113.7`). Nothing else is accepted: no
 * surrounding spaces, port, brackets or zone id (`fe80::1%eth0` is local to one machine).
 * IPv4-mapped addresses come back as IPv4.
 */
export function parseIpAddress(
  text: string,
  options: ParseIpAddressOptions = {},
): IpAddress | undefined {
  if (text.length === 0 || text.length > MAX_IP_ADDRESS_LENGTH) return undefined;
  const leadingZeros = options.leadingZeros === true;
  if (!text.includes(':')) {
    const bytes = parseIpv4(text, leadingZeros);
    return bytes === undefined ? undefined : { version: 4, bytes };
  }
  const groups = parseIpv6(text, leadingZeros);
  if (groups === undefined) return undefined;
  const bytes = groups.flatMap((group) => [group >> 8, group & 0xff]);
  const mapped = bytes.slice(0, 10).every((byte) => byte === 0) && groups[5] === 0xffff;
  return mapped ? { version: 4, bytes: bytes.slice(12) } : { version: 6, bytes };
}

/**
 * The canonical spelling: dotted decimal for IPv4; for IPv6 the RFC 5952 form (lower case, no
 * leading zeros, the longest run of two or more zero groups, the first of equals, as `::`).
 */
export function formatIpAddress(address: IpAddress): string {
  if (address.version === 4) return address.bytes.join('.');
  const groups: number[] = [];
  for (let index = 0; index < 16; index += 2) {
    groups.push(address.bytes[index]! * 256 + address.bytes[index + 1]!);
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > bestLength) {
      bestStart = start;
      bestLength = length;
    }
  }
  const hex = (part: number[]) => part.map((group) => group.toString(16)).join(':');
  if (bestStart === -1) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

/** True when both are the same address (whatever spelling each was parsed from). */
export function sameIpAddress(first: IpAddress, second: IpAddress): boolean {
  return (
    first.version === second.version &&
    first.bytes.every((byte, index) => byte === second.bytes[index])
  );
}

function validPort(port: string): boolean {
  return PORT.test(port) && Number(port) <= 65_535;
}

/**
 * Reads an IP address as proxies write it and returns its canonical spelling
 * ({@link formatIpAddress}), or undefined for anything else (`unknown`, a host name, a list).
 * More lenient than {@link parseIpAddress}: surrounding spaces are trimmed, and a port is
 * dropped (`203.0.113.9:8080`, `[2001:db8::1]:443`, `[2001:db8::1]`).
 */
export function normalizeIpAddress(candidate: string): string | undefined {
  const text = candidate.trim();
  if (text === '' || text.length > MAX_CANDIDATE_LENGTH) return undefined;
  let host = text;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close === -1) return undefined;
    const rest = text.slice(close + 1);
    if (rest !== '' && !(rest.startsWith(':') && validPort(rest.slice(1)))) return undefined;
    host = text.slice(1, close);
    // Brackets hold IPv6 only.
    if (!host.includes(':')) return undefined;
  } else if (
    text.includes('.') &&
    text.indexOf(':') !== -1 &&
    text.indexOf(':') === text.lastIndexOf(':')
  ) {
    // One colon and a dot: IPv4 with a port.
    const [address = '', port = ''] = text.split(':');
    if (!validPort(port)) return undefined;
    host = address;
  }
  const address = parseIpAddress(host);
  return address === undefined ? undefined : formatIpAddress(address);
}
