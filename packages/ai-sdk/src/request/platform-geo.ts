import { type OptionalContext, validateOptionalContext } from '@adstract/client';
import { INPUT_LIMITS } from '@adstract/client/internal';
import type { HeaderLookup } from './header-lookup.js';

/** Platforms whose geo headers are read. */
export type GeoPlatform = 'vercel' | 'cloudflare';

/** Longest region or city name sent (the client's limit); longer values are dropped, not cut. */
export const MAX_PLACE_LENGTH = Math.min(INPUT_LIMITS.region, INPUT_LIMITS.city);

/** Country codes that name no country: Cloudflare's `XX` (unknown) and `T1` (Tor). */
const NOT_A_COUNTRY = new Set(['XX', 'T1']);

const HEADERS: Record<GeoPlatform, { country: string; region: string; city: string }> = {
  vercel: {
    country: 'x-vercel-ip-country',
    region: 'x-vercel-ip-country-region',
    city: 'x-vercel-ip-city',
  },
  cloudflare: { country: 'cf-ipcountry', region: 'cf-region', city: 'cf-ipcity' },
};

function decode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

function country(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  // ASCII letters only, checked before upper-casing: `'ß'.toUpperCase()` is `'SS'`.
  if (trimmed === undefined || !/^[a-z]{2}$/i.test(trimmed)) return undefined;
  const code = trimmed.toUpperCase();
  return NOT_A_COUNTRY.has(code) ? undefined : code;
}

function place(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const decoded = decode(value)?.trim();
  if (decoded === undefined || decoded === '' || decoded.length > MAX_PLACE_LENGTH)
    return undefined;
  return decoded;
}

/**
 * Country, region and city from the platform's geo headers (Vercel's are URL-encoded), each
 * validated like any other input: a value that fails is dropped, never sent. Lower-case country
 * codes are upper-cased; `XX` and `T1` are dropped; region and city longer than
 * {@link MAX_PLACE_LENGTH} characters are dropped.
 */
export function geoFromHeaders(read: HeaderLookup, platform: GeoPlatform): OptionalContext {
  const names = HEADERS[platform];
  const candidates = {
    country: country(read(names.country)),
    region: place(read(names.region)),
    city: place(read(names.city)),
  };
  const geo: OptionalContext = {};
  for (const [field, value] of Object.entries(candidates)) {
    if (value === undefined) continue;
    try {
      Object.assign(geo, validateOptionalContext({ [field]: value }));
    } catch {
      // Platform headers are input like any other: a value the client's rules refuse is not sent.
    }
  }
  return geo;
}
