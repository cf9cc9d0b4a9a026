import { ValidationError } from '@adstract/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientIp, validateIpSource } from './client-ip.js';

const request = (headers: Record<string, string>) =>
  new Request('https://app.example/api/chat', { method: 'POST', headers });

afterEach(() => {
  vi.unstubAllEnvs();
});

const fieldOf = (call: () => unknown): string | undefined => {
  try {
    call();
  } catch (error) {
    if (ValidationError.isInstance(error)) return error.field;
    throw error;
  }
  return undefined;
};

describe('clientIp', () => {
  it('takes the right-most untrusted hop of X-Forwarded-For, never the spoofable first entry', () => {
    const spoofed = request({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9, 10.0.0.2' });
    expect(clientIp(spoofed, { trustedProxies: 2 })).toBe('203.0.113.9');
    expect(clientIp(spoofed, { trustedProxies: 1 })).toBe('10.0.0.2');
    expect(clientIp(spoofed, { trustedProxies: 4 })).toBeUndefined();
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

  it('reads one custom header set by your proxy (nginx X-Real-IP), whole', () => {
    const headers = request({ 'x-real-ip': '203.0.113.7', 'x-forwarded-for': '6.6.6.6' });
    expect(clientIp(headers, { header: 'x-real-ip' })).toBe('203.0.113.7');
    expect(clientIp(headers, { header: 'X-Real-IP' })).toBe('203.0.113.7');
    expect(
      clientIp(request({ 'x-client-ip': '[2001:db8::7]:51000' }), { header: 'x-client-ip' }),
    ).toBe('2001:db8::7');
    // A list is not one address: absent rather than a guess.
    expect(
      clientIp(request({ 'x-real-ip': '6.6.6.6, 203.0.113.7' }), { header: 'x-real-ip' }),
    ).toBeUndefined();
    expect(clientIp(request({}), { header: 'x-real-ip' })).toBeUndefined();
  });

  it('trusts no header by default off Vercel (Next.js keeps a client-sent X-Forwarded-For)', () => {
    const headers = request({
      'x-vercel-forwarded-for': '203.0.113.1',
      'x-forwarded-for': '198.51.100.1',
      'x-real-ip': '198.51.100.2',
      'cf-connecting-ip': '198.51.100.3',
    });
    vi.stubEnv('VERCEL', '');
    expect(clientIp(headers)).toBeUndefined();
    vi.stubEnv('VERCEL', '1');
    expect(clientIp(headers)).toBe('203.0.113.1');
  });

  it('treats a trusted value that is not an IP address as absent', () => {
    for (const garbage of ['unknown', 'not-an-ip', 'evil', '', '999.1.1.1', '_gateway']) {
      const headers = request({
        'x-vercel-forwarded-for': garbage,
        'cf-connecting-ip': garbage,
        'x-real-ip': garbage,
        'x-forwarded-for': `203.0.113.1, ${garbage}`,
      });
      expect(clientIp(headers, 'vercel'), garbage).toBeUndefined();
      expect(clientIp(headers, 'cloudflare'), garbage).toBeUndefined();
      expect(clientIp(headers, { header: 'x-real-ip' }), garbage).toBeUndefined();
      expect(clientIp(headers, { ip: garbage }), garbage).toBeUndefined();
      if (garbage !== '') {
        // The right-most untrusted hop is garbage: absent, never the hop further left.
        expect(clientIp(headers, { trustedProxies: 1 }), garbage).toBeUndefined();
      }
    }
  });

  it('normalizes ports, brackets and IPv4-mapped addresses', () => {
    expect(clientIp(request({ 'cf-connecting-ip': '203.0.113.3:4711' }), 'cloudflare')).toBe(
      '203.0.113.3',
    );
    expect(
      clientIp(request({ 'x-forwarded-for': '[2001:db8::3]:443' }), { trustedProxies: 1 }),
    ).toBe('2001:db8::3');
    expect(clientIp(request({}), { ip: '::ffff:127.0.0.1' })).toBe('127.0.0.1');
  });
});

describe('validateIpSource', () => {
  it('accepts the documented sources', () => {
    expect(validateIpSource(undefined)).toBeUndefined();
    expect(validateIpSource('vercel')).toBe('vercel');
    expect(validateIpSource('cloudflare')).toBe('cloudflare');
    expect(validateIpSource({ header: 'X-Real-IP' })).toEqual({ header: 'x-real-ip' });
    expect(validateIpSource({ trustedProxies: 2 })).toEqual({ trustedProxies: 2 });
    expect(validateIpSource({ ip: '192.0.2.1' })).toEqual({ ip: '192.0.2.1' });
  });

  it('rejects trustedProxies below 1 or not an integer, instead of treating it as 1', () => {
    for (const count of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '2', null]) {
      expect(
        fieldOf(() => validateIpSource({ trustedProxies: count })),
        String(count),
      ).toBe('ipSource.trustedProxies');
      expect(fieldOf(() => clientIp(request({}), { trustedProxies: count as number }))).toBe(
        'ipSource.trustedProxies',
      );
    }
  });

  it('rejects unknown sources and malformed objects with a ValidationError', () => {
    for (const source of [
      'aws',
      '',
      42,
      null,
      [],
      {},
      { trustedProxies: 1, ip: 'x' },
      { proxies: 1 },
    ]) {
      expect(
        fieldOf(() => validateIpSource(source)),
        JSON.stringify(source),
      ).toBe('ipSource');
    }
    expect(fieldOf(() => validateIpSource({ header: '' }))).toBe('ipSource.header');
    expect(fieldOf(() => validateIpSource({ header: 'x real ip' }))).toBe('ipSource.header');
    expect(fieldOf(() => validateIpSource({ header: 7 }))).toBe('ipSource.header');
    expect(fieldOf(() => validateIpSource({ ip: 7 }))).toBe('ipSource.ip');
  });
});
