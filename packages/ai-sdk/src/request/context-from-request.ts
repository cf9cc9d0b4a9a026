import { MissingParameterError } from '@adstract/client';
import { invalid } from '@adstract/client/internal';
import type { AdstractCallContext } from '../options/middleware-options.js';
import { defaultIpSource, type IpSource, ipFromHeaders, validateIpSource } from './client-ip.js';
import { type HeaderSource, headerLookup } from './header-lookup.js';
import { type GeoPlatform, geoFromHeaders } from './platform-geo.js';

export { clientIp, type IpSource } from './client-ip.js';
export type { HeaderGetter, HeaderRecord, HeaderSource } from './header-lookup.js';

/** What a privacy signal (`Sec-GPC: 1`, or `consent: false`) does to the request. */
export type PrivacyPolicy = 'minimal' | 'skip-ads' | 'ignore';

/** Options of {@link adstractContextFromRequest}. */
export interface ContextFromRequestOptions {
  /**
   * The conversation or session id (the app's own, usually from the request body: `useChat`
   * sends `id`). Request data, so it never throws: when it is absent, empty or not a string
   * (a `useCompletion` or `useObject` body has no `id`), the context has no `sessionId`, and the
   * middleware answers without an ad, reporting a `MissingParameterError` for
   * `providerOptions.adstract.sessionId` to `onError` for that call.
   */
  sessionId: string | undefined;
  /**
   * Where the end user's IP is trusted from (see {@link IpSource}). Default: `'vercel'` when
   * `VERCEL=1` is set; otherwise none, so `userIp` is absent and the middleware skips the ad
   * (reporting a `MissingParameterError`) until you say which proxy header to trust.
   */
  ipSource?: IpSource;
  /**
   * Read country, region and city from the platform's geo headers (`'vercel'` and `'cloudflare'`
   * sources only). Default true.
   */
  geo?: boolean;
  /**
   * What a Global Privacy Control signal (`Sec-GPC: 1`) does: `minimal` (default) sends only the
   * required context (no geo), `skip-ads` turns ads off for the request, `ignore` changes nothing.
   */
  gpc?: PrivacyPolicy;
  /**
   * The app's own consent decision for ad targeting. `false` is handled like a GPC signal (with
   * the `gpc` policy); `true` or absent changes nothing (it never overrides a GPC signal).
   */
  consent?: boolean;
}

interface Settings {
  sessionId: string | undefined;
  ipSource: IpSource | undefined;
  geo: boolean;
  gpc: PrivacyPolicy;
  consent: boolean | undefined;
}

const OPTION_KEYS = new Set(['sessionId', 'ipSource', 'geo', 'gpc', 'consent']);
const POLICIES: readonly PrivacyPolicy[] = ['minimal', 'skip-ads', 'ignore'];

function optionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') throw invalid(field, 'must be a boolean');
  return value;
}

/** Checks the options; throws a `ValidationError` (or `MissingParameterError`) naming the field. */
function validateOptions(options: unknown): Settings {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new MissingParameterError({
      message: 'options is required: { sessionId, ipSource?, geo?, gpc?, consent? }',
      field: 'options',
    });
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) {
      throw invalid(
        `options.${key}`,
        'is not a known option (expected sessionId, ipSource, geo, gpc, consent)',
      );
    }
  }
  const { sessionId, ipSource, geo, gpc, consent } = options as Record<string, unknown>;
  if (gpc !== undefined && !POLICIES.includes(gpc as PrivacyPolicy)) {
    throw invalid('options.gpc', `must be one of ${POLICIES.join(', ')}`);
  }
  return {
    // Request data (a body without `id`), not configuration: never thrown for, left out instead.
    sessionId: typeof sessionId === 'string' && sessionId.trim() !== '' ? sessionId : undefined,
    ipSource: validateIpSource(ipSource, 'options.ipSource') ?? defaultIpSource(),
    geo: optionalBoolean(geo, 'options.geo') ?? true,
    gpc: (gpc as PrivacyPolicy | undefined) ?? 'minimal',
    consent: optionalBoolean(consent, 'options.consent'),
  };
}

const geoPlatform = (source: IpSource | undefined): GeoPlatform | undefined =>
  source === 'vercel' || source === 'cloudflare' ? source : undefined;

/**
 * Builds the per-call Adstract context from an incoming request (Next.js, Hono, Remix, Node):
 * `userAgent` from the request, `userIp` from the trusted {@link IpSource} only (absent when it
 * is missing or not an IP address), `sessionId` from the caller, and geo fields from the
 * platform's headers, each validated (an invalid value is dropped, never sent). Honours Global
 * Privacy Control and the app's consent decision.
 *
 * Throws a `ValidationError` naming the field for a mistake in code (`request` without headers,
 * missing options, an unknown option, a bad `ipSource`, `geo`, `gpc` or `consent`). What it reads
 * from the request never throws: header values, and `sessionId` (left out when missing).
 *
 * @example
 * providerOptions: { adstract: adstractContextFromRequest(request, { sessionId: id }) }
 */
export function adstractContextFromRequest(
  request: HeaderSource,
  options: ContextFromRequestOptions,
): AdstractCallContext {
  const settings = validateOptions(options);
  const read = headerLookup(request);
  const privacySignal = read('sec-gpc')?.trim() === '1' || settings.consent === false;
  const policy = privacySignal ? settings.gpc : 'ignore';
  if (policy === 'skip-ads') return { disabled: true };

  const context: AdstractCallContext = {};
  if (settings.sessionId !== undefined) context.sessionId = settings.sessionId;
  const userAgent = read('user-agent')?.trim();
  if (userAgent !== undefined && userAgent !== '') context.userAgent = userAgent;
  const userIp = ipFromHeaders(read, settings.ipSource);
  if (userIp !== undefined) context.userIp = userIp;

  // Under a privacy signal the middleware sends only the required fields of the merged context,
  // its own `context` defaults included.
  if (policy === 'minimal') return { ...context, privacy: 'minimal' };
  const platform = geoPlatform(settings.ipSource);
  if (!settings.geo || platform === undefined) return context;
  return { ...context, ...geoFromHeaders(read, platform) };
}
