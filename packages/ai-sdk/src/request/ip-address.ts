// A small IP parser without Node-only modules: this code also runs in edge runtimes.

const IPV4_PART = /^(?:0|[1-9]\d{0,2})$/;
const IPV6_GROUP = /^[0-9a-f]{1,4}$/i;
const PORT = /^\d{1,5}$/;
/** Longest text worth parsing: a bracketed IPv6 with an embedded IPv4 and a port is 53 chars. */
const MAX_LENGTH = 64;

/** The dotted IPv4 address in `text`, or undefined (no leading zeros: `010` is ambiguous). */
function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!IPV4_PART.test(part)) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    bytes.push(value);
  }
  return bytes;
}

/** The eight 16-bit groups of an IPv6 address (`::` compression, trailing dotted IPv4), or undefined. */
function parseIpv6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (half: string): number[] | undefined => {
    if (half === '') return [];
    const groups: number[] = [];
    const pieces = half.split(':');
    for (const [index, piece] of pieces.entries()) {
      if (index === pieces.length - 1 && piece.includes('.')) {
        const bytes = parseIpv4(piece);
        if (bytes === undefined) return undefined;
        groups.push(bytes[0]! * 256 + bytes[1]!, bytes[2]! * 256 + bytes[3]!);
      } else if (IPV6_GROUP.test(piece)) {
        groups.push(Number.parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return groups;
  };
  const head = groupsOf(halves[0] ?? '');
  if (head === undefined) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const tail = groupsOf(halves[1] ?? '');
  if (tail === undefined) return undefined;
  // A dotted IPv4 is only allowed at the very end, never before the `::`.
  if ((halves[0] ?? '').includes('.')) return undefined;
  const missing = 8 - head.length - tail.length;
  if (missing < 1) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

function validPort(port: string): boolean {
  return PORT.test(port) && Number(port) <= 65_535;
}

/**
 * Checks that `candidate` is an IP address and returns it in the form sent to Adstract, or
 * undefined for anything else (`unknown`, a host name, an empty string, a list).
 *
 * Accepted: dotted IPv4 (`203.0.113.9`, optionally with `:port`), IPv6 (`2001:db8::1`, optionally
 * bracketed with a port: `[2001:db8::1]:443`). An IPv4-mapped IPv6 address
 * (`::ffff:203.0.113.9`) is returned as its IPv4 address; other IPv6 addresses are lower-cased.
 * Zone ids (`fe80::1%eth0`) are refused: they are local to one machine.
 */
export function normalizeIpAddress(candidate: string): string | undefined {
  const text = candidate.trim();
  if (text === '' || text.length > MAX_LENGTH) return undefined;

  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close === -1) return undefined;
    const rest = text.slice(close + 1);
    if (rest !== '' && !(rest.startsWith(':') && validPort(rest.slice(1)))) return undefined;
    return normalizeIpv6(text.slice(1, close));
  }
  if (text.includes(':') && text.indexOf(':') === text.lastIndexOf(':') && text.includes('.')) {
    // `203.0.113.9:8080`: one colon and a dot can only be IPv4 with a port.
    const [host = '', port = ''] = text.split(':');
    return validPort(port) && parseIpv4(host) !== undefined ? host : undefined;
  }
  if (text.includes(':')) return normalizeIpv6(text);
  return parseIpv4(text) === undefined ? undefined : text;
}

function normalizeIpv6(text: string): string | undefined {
  const groups = parseIpv6(text);
  if (groups === undefined) return undefined;
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mapped) {
    const high = groups[6]!;
    const low = groups[7]!;
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  }
  return text.toLowerCase();
}
