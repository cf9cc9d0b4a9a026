import { type IpAddress, parseIpAddress } from '../internal/ip-address.js';

const hex = (group: number, width = 1) => group.toString(16).padStart(width, '0');

/** The eight 16-bit groups of an address (an IPv4 address as its mapped IPv6 form). */
function groupsOf(address: IpAddress): number[] {
  const bytes =
    address.version === 4
      ? [...new Array<number>(10).fill(0), 0xff, 0xff, ...address.bytes]
      : address.bytes;
  const groups: number[] = [];
  for (let index = 0; index < 16; index += 2) groups.push(bytes[index]! * 256 + bytes[index + 1]!);
  return groups;
}

/**
 * Ways an answer could spell the same address, for tests of redaction: for IPv4 dotted, with
 * leading zeros, and IPv4-mapped in dotted and hex form, expanded or not, in both cases; for IPv6
 * compressed, expanded, zero-padded, upper case, compressed elsewhere than RFC 5952 says, and with
 * a dotted tail.
 */
export function spellingsOf(text: string): string[] {
  const address = parseIpAddress(text);
  if (address === undefined) throw new Error(`spellingsOf: ${text} is not an address`);
  const groups = groupsOf(address);
  const padded = groups.map((group) => hex(group, 4)).join(':');
  const plain = groups.map((group) => hex(group)).join(':');
  const dottedTail = `${groups
    .slice(0, 6)
    .map((group) => hex(group))
    .join(':')}:${[groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(
    '.',
  )}`;
  const spellings = [padded, padded.toUpperCase(), plain, dottedTail, dottedTail.toUpperCase()];
  if (address.version === 4) {
    const [a, b, c, d] = address.bytes;
    spellings.push(
      address.bytes.join('.'),
      address.bytes.map((byte) => String(byte).padStart(3, '0')).join('.'),
      `::ffff:${a}.${b}.${c}.${d}`,
      `::FFFF:${a}.${b}.${c}.${d}`,
      `::ffff:${hex(groups[6]!)}:${hex(groups[7]!)}`,
      `::FFFF:${hex(groups[6]!).toUpperCase()}:${hex(groups[7]!).toUpperCase()}`,
    );
  }
  // Every `::` compression of every run of two or more zero groups, whole or in part.
  for (let start = 0; start < 8; start++) {
    for (let end = start + 2; end <= 8; end++) {
      if (!groups.slice(start, end).every((group) => group === 0)) break;
      const head = groups
        .slice(0, start)
        .map((group) => hex(group))
        .join(':');
      const tail = groups
        .slice(end)
        .map((group) => hex(group))
        .join(':');
      spellings.push(`${head}::${tail}`);
    }
  }
  return [...new Set(spellings)];
}
