import { invalid, normalizeIpAddress } from '@adstract/client/internal';
import { type HeaderLookup, type HeaderSource, headerLookup } from './header-lookup.js';

/**
 * Where the end user's IP address is trusted from. Only headers that something you trust sets
 * (and overwrites) are read; a client can send any header it likes.
 *
 * - `'vercel'`: `x-vercel-forwarded-for`, then `x-real-ip` (Vercel sets both and drops what the
 *   client sent).
 * - `'cloudflare'`: `cf-connecting-ip` (only safe when the origin accepts traffic from Cloudflare alone).
 * - `{ header: 'x-real-ip' }`: one header that your own proxy sets to the client's address,
 *   overwriting any value the client sent (nginx: `proxy_set_header X-Real-IP $remote_addr;`).
 * - `{ trustedProxies: n }`: `X-Forwarded-For` behind exactly `n` proxies you run that each
 *   *append* the address they saw; the right-most untrusted hop is taken (never the first entry).
 * - `{ ip }`: an address you already know, e.g. a socket's `remoteAddress`.
 */
export type IpSource =
  | 'vercel'
  | 'cloudflare'
  | { header: string }
  | { trustedProxies: number }
  | { ip: string };

/** A header name as HTTP defines it (a `token`). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]{1,256}$/i;

/**
 * Checks an {@link IpSource} option; throws a `ValidationError` naming the field. `undefined`
 * stays undefined (the default applies). Header names come back lower-cased.
 */
export function validateIpSource(value: unknown, field = 'ipSource'): IpSource | undefined {
  if (value === undefined || value === 'vercel' || value === 'cloudflare') return value;
  const expected = `must be 'vercel', 'cloudflare', { header }, { trustedProxies } or { ip }`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(field, expected);
  }
  const keys = Object.keys(value);
  const [key] = keys;
  if (keys.length !== 1 || (key !== 'header' && key !== 'trustedProxies' && key !== 'ip')) {
    throw invalid(field, `${expected}, with exactly one key`);
  }
  const setting: unknown = (value as Record<string, unknown>)[key];
  if (key === 'header') {
    if (typeof setting !== 'string' || !HEADER_NAME.test(setting)) {
      throw invalid(`${field}.header`, 'must be a header name, e.g. x-real-ip');
    }
    return { header: setting.toLowerCase() };
  }
  if (key === 'trustedProxies') {
    if (typeof setting !== 'number' || !Number.isSafeInteger(setting) || setting < 1) {
      throw invalid(
        `${field}.trustedProxies`,
        'must be an integer ≥ 1 (the proxies you run in front of the app)',
      );
    }
    return { trustedProxies: setting };
  }
  if (typeof setting !== 'string') throw invalid(`${field}.ip`, 'must be a string');
  return { ip: setting };
}

/** `vercel` when running on Vercel (`VERCEL=1`); otherwise none: no header is trusted by default. */
export function defaultIpSource(): IpSource | undefined {
  const environment = (globalThis as { process?: { env?: Record<string, string | undefined> } })
    .process?.env;
  return environment?.VERCEL === '1' ? 'vercel' : undefined;
}

/** The client's address from already validated settings; undefined when absent or not an IP. */
export function ipFromHeaders(
  read: HeaderLookup,
  source: IpSource | undefined,
): string | undefined {
  const address = (value: string | undefined) =>
    value === undefined ? undefined : normalizeIpAddress(value);
  if (source === undefined) return undefined;
  if (source === 'vercel') {
    const forwarded = read('x-vercel-forwarded-for')?.split(',')[0];
    return address(forwarded) ?? address(read('x-real-ip'));
  }
  if (source === 'cloudflare') return address(read('cf-connecting-ip'));
  if ('ip' in source) return address(source.ip);
  if ('header' in source) return address(read(source.header));
  const hops = (read('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
  // Each trusted proxy appended one hop: the one before them is the client as the outermost saw it.
  return address(hops[hops.length - source.trustedProxies]);
}

/**
 * The end user's IP address, read only from the trusted source (default: Vercel's headers on
 * Vercel, otherwise none). Undefined when that source is absent or holds something that is not an
 * IPv4 or IPv6 address (`unknown`, a host name): a guess is never made, and never from the
 * client-controlled first `X-Forwarded-For` entry. Throws a `ValidationError` for a bad
 * `ipSource` or a `source` without headers.
 */
export function clientIp(
  source: HeaderSource,
  ipSource: IpSource | undefined = defaultIpSource(),
): string | undefined {
  const trusted = validateIpSource(ipSource);
  return ipFromHeaders(headerLookup(source), trusted);
}
