import type { SharedV4ProviderOptions } from '@ai-sdk/provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adstractContextFromRequest, clientIp } from './request-context.js';

const request = (headers: Record<string, string>) =>
  new Request('https://app.example/api/chat', { method: 'POST', headers });

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('clientIp', () => {
  it('takes the right-most untrusted hop of X-Forwarded-For, never the spoofable first entry', () => {
    const spoofed = request({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9, 10.0.0.2' });
    expect(clientIp(spoofed, { trustedProxies: 2 })).toBe('203.0.113.9');
    expect(clientIp(spoofed, { trustedProxies: 1 })).toBe('10.0.0.2');
    expect(clientIp(request({}), { trustedProxies: 1 })).toBeUndefined();
  });

  it('reads the platform headers it is told to trust', () => {
    const headers = request({
      'x-vercel-forwarded-for': '203.0.113.1',
      'x-real-ip': '203.0.113.2',
      'cf-connecting-ip': '203.0.113.3',
      'x-forwarded-for': '6.6.6.6',
    });
    expect(clientIp(headers, 'vercel')).toBe('203.0.113.1');
    expect(clientIp(request({ 'x-real-ip': '203.0.113.2' }), 'vercel')).toBe('203.0.113.2');
    expect(clientIp(headers, 'cloudflare')).toBe('203.0.113.3');
    expect(clientIp(headers, { ip: '192.0.2.5' })).toBe('192.0.2.5');
  });

  it('trusts Vercel headers by default only when running on Vercel', () => {
    const headers = request({
      'x-vercel-forwarded-for': '203.0.113.1',
      'x-forwarded-for': '198.51.100.1',
    });
    expect(clientIp(headers)).toBe('198.51.100.1');
    vi.stubEnv('VERCEL', '1');
    expect(clientIp(headers)).toBe('203.0.113.1');
  });
});

describe('adstractContextFromRequest', () => {
  const vercel = {
    'user-agent': 'Mozilla/5.0',
    'x-vercel-forwarded-for': '203.0.113.1',
    'x-vercel-ip-country': 'PT',
    'x-vercel-ip-country-region': '11',
    'x-vercel-ip-city': 'S%C3%A3o%20Paulo',
  };

  it('builds the context with decoded, validated geo fields', () => {
    expect(
      adstractContextFromRequest(request(vercel), { sessionId: 'chat-1', ipSource: 'vercel' }),
    ).toEqual({
      sessionId: 'chat-1',
      userAgent: 'Mozilla/5.0',
      userIp: '203.0.113.1',
      country: 'PT',
      region: '11',
      city: 'São Paulo',
    });
  });

  it('drops invalid geo values instead of sending them', () => {
    const context = adstractContextFromRequest(
      request({
        'user-agent': 'ua',
        'cf-connecting-ip': '203.0.113.3',
        'cf-ipcountry': 'T1',
        'cf-ipcity': '%E0%A4%A',
      }),
      { sessionId: 's', ipSource: 'cloudflare' },
    );
    expect(context).toEqual({ sessionId: 's', userAgent: 'ua', userIp: '203.0.113.3' });
  });

  it('sends only the required context under Global Privacy Control by default', () => {
    const context = adstractContextFromRequest(request({ ...vercel, 'sec-gpc': '1' }), {
      sessionId: 'chat-1',
      ipSource: 'vercel',
    });
    expect(context).toEqual({
      sessionId: 'chat-1',
      userAgent: 'Mozilla/5.0',
      userIp: '203.0.113.1',
    });
  });

  it('can skip ads entirely under GPC, and treats a refused consent the same way', () => {
    expect(
      adstractContextFromRequest(request({ ...vercel, 'sec-gpc': '1' }), {
        sessionId: 's',
        ipSource: 'vercel',
        gpc: 'skip-ads',
      }),
    ).toEqual({ disabled: true });
    expect(
      adstractContextFromRequest(request(vercel), {
        sessionId: 's',
        ipSource: 'vercel',
        consent: false,
      }),
    ).toEqual({ sessionId: 's', userAgent: 'Mozilla/5.0', userIp: '203.0.113.1' });
  });

  it('accepts Node-style headers', () => {
    const context = adstractContextFromRequest(
      { headers: { 'user-agent': 'node-ua', 'x-forwarded-for': ['6.6.6.6', '198.51.100.4'] } },
      { sessionId: 's' },
    );
    expect(context).toEqual({ sessionId: 's', userAgent: 'node-ua', userIp: '198.51.100.4' });
  });
});

describe('types', () => {
  it('returns a context that is a JSONObject, so it fits providerOptions.adstract without a cast', () => {
    const context = adstractContextFromRequest(
      new Request('http://app.test', {
        headers: { 'user-agent': 'ua', 'x-real-ip': '203.0.113.1' },
      }),
      {
        sessionId: 's',
        ipSource: 'vercel',
      },
    );
    const providerOptions: SharedV4ProviderOptions = { adstract: context };
    expect(providerOptions.adstract).toBe(context);
  });
});
