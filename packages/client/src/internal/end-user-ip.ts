import { formatIpAddress, parseIpAddress } from './ip-address.js';
import { classifyIpAddress, type IpAddressKind } from './ip-address-range.js';
import { invalid } from './option-checks.js';

/** Kinds where the app's own network shows through: the proxy set-up is the usual cause. */
const LOCAL_KINDS: ReadonlySet<IpAddressKind> = new Set([
  'private',
  'loopback',
  'link-local',
  'shared',
  'unspecified',
]);

const DESCRIPTIONS: Readonly<Record<IpAddressKind, string>> = {
  public: 'public',
  documentation: 'documentation',
  private: 'private',
  loopback: 'loopback',
  'link-local': 'link-local',
  shared: 'shared (carrier-grade NAT)',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
  reserved: 'reserved',
};

/**
 * Checks that `value` is the end user's IP address as Adstract needs it and returns its canonical
 * spelling (`::ffff:203.0.113.7` → `203.0.113.7`, IPv6 lower-cased and compressed); surrounding
 * spaces are ignored. Refused: anything that is not exactly one IP address (a port, brackets, a
 * list, a host name), and private, loopback, link-local, shared, unspecified, multicast,
 * broadcast and reserved addresses. Documentation ranges (192.0.2/24, 198.51.100/24, 203.0.113/24,
 * 2001:db8::/32, 3fff::/20) are accepted, for examples and tests. Messages never quote the value.
 *
 * @throws {ValidationError} naming `field` and the rule.
 */
export function validateEndUserIp(value: string, field: string): string {
  const address = parseIpAddress(value.trim());
  if (address === undefined) {
    throw invalid(
      field,
      'must be an IP address: IPv4 such as 203.0.113.7 or IPv6 such as 2001:db8::7, without a port or brackets',
    );
  }
  const { kind, range } = classifyIpAddress(address);
  if (kind === 'public' || kind === 'documentation') return formatIpAddress(address);
  // A range of one address (`0.0.0.0/32`, `::1/128`) would quote the value: name it instead.
  const single = range.endsWith('/32') || range.endsWith('/128');
  const where = single
    ? `the ${DESCRIPTIONS[kind]} address`
    : `in ${range}, a ${DESCRIPTIONS[kind]} range`;
  const why = LOCAL_KINDS.has(kind)
    ? `: a private or loopback address usually means a proxy misconfiguration (the app is reading its own proxy's address instead of the client's; see "The end user's IP" in the @adstract/client README)`
    : ', which no end user connects from';
  throw invalid(field, `must be the end user's public IP address, but it is ${where}${why}`);
}
