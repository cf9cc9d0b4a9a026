import { validateOptionalContext } from '@adstract/client';
import type { AdstractCallContext } from './options.js';

/** Headers as a Web `Headers`, a `Request`, or Node's `IncomingHttpHeaders`. */
export type HeaderSource =
  | Headers
  | { headers: Headers }
  | { headers: Record<string, string | string[] | undefined> }
  | Record<string, string | string[] | undefined>;

/**
 * Where the end user's IP can be trusted from. `vercel` and `cloudflare` read headers those
 * platforms set and overwrite; `{ trustedProxies: n }` takes the right-most untrusted hop of
 * `X-Forwarded-For` behind n proxies you run; `{ ip }` is an address you already know (a socket).
 */
export type IpSource = 'vercel' | 'cloudflare' | { trustedProxies: number } | { ip: string };

/** Options of {@link adstractContextFromRequest}. */
export interface ContextFromRequestOptions {
  /** The conversation or session id (the app's own). */
  sessionId: string;
  /** Default: `vercel` when `VERCEL=1` is set, otherwise `{ trustedProxies: 1 }`. */
  ipSource?: IpSource;
  /** Read country/region/city from the platform's geo headers. Default true. */
  geo?: boolean;
  /**
   * What a Global Privacy Control signal (`Sec-GPC: 1`) does: `minimal` (default) sends only the
   * required context, `skip-ads` turns ads off for the request, `ignore` changes nothing.
   */
  gpc?: 'minimal' | 'skip-ads' | 'ignore';
  /** The app's own consent decision; `false` is handled like a GPC signal (same policy). */
  consent?: boolean;
}

const readHeader = (source: HeaderSource, name: string): string | undefined => {
  const headers =
    'headers' in source && typeof source.headers === 'object' ? source.headers : source;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

const defaultIpSource = (): IpSource =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
    ?.VERCEL === '1'
    ? 'vercel'
    : { trustedProxies: 1 };

/** The end user's IP from the trusted source only; never the client-controlled first XFF entry. */
export function clientIp(
  source: HeaderSource,
  ipSource: IpSource = defaultIpSource(),
): string | undefined {
  if (typeof ipSource === 'object' && 'ip' in ipSource) return ipSource.ip || undefined;
  if (ipSource === 'vercel') {
    const forwarded = firstHop(readHeader(source, 'x-vercel-forwarded-for'));
    return forwarded ?? (readHeader(source, 'x-real-ip')?.trim() || undefined);
  }
  if (ipSource === 'cloudflare') return readHeader(source, 'cf-connecting-ip')?.trim() || undefined;
  const hops = (readHeader(source, 'x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
  const proxies = Math.max(1, Math.floor(ipSource.trustedProxies));
  return hops[hops.length - proxies];
}

function firstHop(value: string | undefined): string | undefined {
  return value?.split(',')[0]?.trim() || undefined;
}

function decode(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

function geoHeaders(source: HeaderSource, ipSource: IpSource): Record<string, string | undefined> {
  if (ipSource === 'vercel') {
    return {
      country: readHeader(source, 'x-vercel-ip-country'),
      region: decode(readHeader(source, 'x-vercel-ip-country-region')),
      city: decode(readHeader(source, 'x-vercel-ip-city')),
    };
  }
  if (ipSource === 'cloudflare') {
    return {
      country: readHeader(source, 'cf-ipcountry'),
      region: decode(readHeader(source, 'cf-region')),
      city: decode(readHeader(source, 'cf-ipcity')),
    };
  }
  return {};
}

/**
 * Builds the per-call Adstract context from an incoming request (Next.js, Hono, Remix, Node):
 * `userAgent` from the request, `userIp` from a trusted source, `sessionId` from the caller, and
 * geo fields from the platform's headers, each validated (an invalid geo value is dropped, never sent).
 * Honours Global Privacy Control and the app's consent decision.
 */
export function adstractContextFromRequest(
  request: HeaderSource,
  options: ContextFromRequestOptions,
): AdstractCallContext {
  const ipSource = options.ipSource ?? defaultIpSource();
  const privacySignal = readHeader(request, 'sec-gpc')?.trim() === '1' || options.consent === false;
  const policy = privacySignal ? (options.gpc ?? 'minimal') : 'ignore';
  if (policy === 'skip-ads') return { disabled: true };

  const context: AdstractCallContext = {
    sessionId: options.sessionId,
    userAgent: readHeader(request, 'user-agent'),
    userIp: clientIp(request, ipSource),
  };
  if (policy === 'minimal' || options.geo === false) return context;
  for (const [field, value] of Object.entries(geoHeaders(request, ipSource))) {
    if (value === undefined || value === '') continue;
    try {
      Object.assign(context, validateOptionalContext({ [field]: value }));
    } catch {
      // Platform headers are input like any other: an invalid value (e.g. Tor's `T1`) is not sent.
    }
  }
  return context;
}
