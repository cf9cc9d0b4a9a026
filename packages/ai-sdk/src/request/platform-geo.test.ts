import { describe, expect, it } from 'vitest';
import { headerLookup } from './header-lookup.js';
import { geoFromHeaders, MAX_PLACE_LENGTH } from './platform-geo.js';

const geo = (platform: 'vercel' | 'cloudflare', headers: Record<string, string>) =>
  geoFromHeaders(headerLookup(headers), platform);

describe('geoFromHeaders', () => {
  it('reads and decodes Vercel geo headers', () => {
    expect(
      geo('vercel', {
        'x-vercel-ip-country': 'PT',
        'x-vercel-ip-country-region': '11',
        'x-vercel-ip-city': 'S%C3%A3o%20Paulo',
      }),
    ).toEqual({ country: 'PT', region: '11', city: 'São Paulo' });
  });

  it("drops Cloudflare's XX (unknown) and T1 (Tor) country codes", () => {
    expect(geo('cloudflare', { 'cf-ipcountry': 'XX' })).toEqual({});
    expect(geo('cloudflare', { 'cf-ipcountry': 'T1' })).toEqual({});
    expect(geo('cloudflare', { 'cf-ipcountry': 'xx' })).toEqual({});
    expect(geo('cloudflare', { 'cf-ipcountry': 'DE' })).toEqual({ country: 'DE' });
  });

  it('upper-cases two-letter codes and drops anything else', () => {
    expect(geo('cloudflare', { 'cf-ipcountry': 'de' })).toEqual({ country: 'DE' });
    expect(geo('vercel', { 'x-vercel-ip-country': ' pt ' })).toEqual({ country: 'PT' });
    for (const bad of ['ß', 'DEU', 'D', '1A', 'ÄB', '']) {
      expect(geo('cloudflare', { 'cf-ipcountry': bad }), bad).toEqual({});
    }
  });

  it(`drops a region or city longer than ${MAX_PLACE_LENGTH} characters, or empty, or badly encoded`, () => {
    const longest = 'a'.repeat(MAX_PLACE_LENGTH);
    expect(geo('cloudflare', { 'cf-region': longest, 'cf-ipcity': `${longest}b` })).toEqual({
      region: longest,
    });
    expect(geo('vercel', { 'x-vercel-ip-city': 'x'.repeat(100_000) })).toEqual({});
    expect(
      geo('vercel', { 'x-vercel-ip-city': '%20%20', 'x-vercel-ip-country-region': '%E0%A4%A' }),
    ).toEqual({});
  });

  it('reads only the headers of the platform asked for', () => {
    expect(geo('cloudflare', { 'x-vercel-ip-country': 'PT' })).toEqual({});
    expect(geo('vercel', { 'cf-ipcountry': 'PT' })).toEqual({});
  });
});
