import type { ValidationError } from '../errors/validation-error.js';
import { formatIpAddress, parseIpAddress } from './ip-address.js';
import { classifyIpAddress, type IpAddressKind } from './ip-address-range.js';
import { invalid } from './option-checks.js';

/** Where the app's own network shows through: the proxy set-up is the usual cause. */
const LOCAL_KINDS: Readonly<Partial<Record<IpAddressKind, string>>> = {
  private: 'a private range',
  loopback: 'the loopback range',
  'link-local': 'the link-local range',
  shared: 'the shared (carrier-grade NAT) range',
  unspecified: 'the unspecified address',
};

/** Addresses no end user connects from. */
const IMPOSSIBLE_KINDS: Readonly<Partial<Record<IpAddressKind, string>>> = {
  multicast: 'a multicast range',
  broadcast: 'the broadcast address',
  reserved: 'a reserved range',
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
  const local = LOCAL_KINDS[kind];
  if (local !== undefined)
    throw notEndUser(
      field,
      `${range}, ${local}: a private or loopback address usually means a proxy misconfiguration (the app is reading its own proxy's address instead of the client's; see "The end user's IP" in the @adstract/client README)`,
    );
  const impossible = IMPOSSIBLE_KINDS[kind];
  if (impossible !== undefined)
    throw notEndUser(field, `${range}, ${impossible}, which no end user connects from`);
  return formatIpAddress(address);
}

function notEndUser(field: string, where: string): ValidationError {
  return invalid(field, `must be the end user's public IP address, but it is in ${where}`);
}
