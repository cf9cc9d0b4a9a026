import { type IpAddress, MAX_IP_ADDRESS_LENGTH, parseIpAddress } from './ip-address.js';

/** An IP address found in text: where it is (`text.slice(start, end)`) and what it is. */
export interface IpAddressMatch {
  start: number;
  end: number;
  address: IpAddress;
}

/** Characters an IP address is spelt with; everything else separates candidates. */
const ADDRESS_CHARACTERS = /[0-9A-Fa-f:.]+/g;
/** More colons or dots than any address has: a longer candidate cannot parse. */
const MAX_COLONS = 8;
const MAX_DOTS = 3;

const isDigit = (character: string | undefined) =>
  character !== undefined && character >= '0' && character <= '9';
const isSeparator = (character: string | undefined) => character === ':' || character === '.';

/**
 * Every substring of `text` that parses as an IP address, in any spelling (IPv4 with or without
 * leading zeros, IPv6 compressed or not, in any case, IPv4-mapped in dotted or hex form), found
 * inside longer runs too: `::ffff:203.0.113.7`, `ip:203.0.113.7`, `203.0.113.7.` and `v1.2.3.4.5`
 * all yield their addresses. Matches may overlap (both the mapped address and its IPv4 tail).
 * Made for redaction, so it errs towards finding too much. Linear in the length of `text`.
 */
export function findIpAddresses(text: string): IpAddressMatch[] {
  const matches: IpAddressMatch[] = [];
  for (const run of text.matchAll(ADDRESS_CHARACTERS)) {
    const offset = run.index;
    const characters = run[0];
    for (let start = 0; start < characters.length; start++) {
      if (!canStart(characters, start)) continue;
      let colons = 0;
      let dots = 0;
      const limit = Math.min(characters.length, start + MAX_IP_ADDRESS_LENGTH);
      for (let end = start + 1; end <= limit; end++) {
        const last = characters[end - 1];
        if (last === ':' && ++colons > MAX_COLONS) break;
        if (last === '.' && ++dots > MAX_DOTS) break;
        if (!canEnd(characters, end) || !plausible(colons, dots)) continue;
        const address = parseIpAddress(characters.slice(start, end), { leadingZeros: true });
        if (address !== undefined)
          matches.push({ start: offset + start, end: offset + end, address });
      }
    }
  }
  return matches;
}

/** IPv4 has three dots and no colon; IPv6 at least two colons, and three dots if any. */
function plausible(colons: number, dots: number): boolean {
  return colons === 0 ? dots === 3 : colons >= 2 && (dots === 0 || dots === 3);
}

/** An address starts a run, follows a separator, opens with `::`, or starts a number after a letter. */
function canStart(characters: string, index: number): boolean {
  const previous = characters[index - 1];
  const current = characters[index];
  return (
    index === 0 ||
    isSeparator(previous) ||
    (current === ':' && characters[index + 1] === ':') ||
    (isDigit(current) && !isDigit(previous))
  );
}

/** An address ends a run, precedes a separator, closes with `::`, or ends a number before a letter. */
function canEnd(characters: string, index: number): boolean {
  const previous = characters[index - 1];
  const next = characters[index];
  return (
    index === characters.length ||
    isSeparator(next) ||
    (previous === ':' && characters[index - 2] === ':') ||
    (isDigit(previous) && !isDigit(next))
  );
}
