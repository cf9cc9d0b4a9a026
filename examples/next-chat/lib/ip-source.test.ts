import { describe, expect, it } from 'vitest';
import { ipSourceFromEnvironment } from './ip-source';

describe('ipSourceFromEnvironment', () => {
  it('maps CLIENT_IP_SOURCE to the helper option', () => {
    expect(ipSourceFromEnvironment(undefined)).toBeUndefined();
    expect(ipSourceFromEnvironment('')).toBeUndefined();
    expect(ipSourceFromEnvironment('vercel')).toBe('vercel');
    expect(ipSourceFromEnvironment('cloudflare')).toBe('cloudflare');
    expect(ipSourceFromEnvironment('header:x-real-ip')).toEqual({ header: 'x-real-ip' });
    expect(ipSourceFromEnvironment('x-forwarded-for:2')).toEqual({ trustedProxies: 2 });
    expect(ipSourceFromEnvironment('ip:198.51.100.20')).toEqual({ ip: '198.51.100.20' });
  });

  it('refuses anything else instead of trusting a header by accident', () => {
    for (const value of [
      'aws',
      'header:',
      'x-forwarded-for',
      'x-forwarded-for:two',
      'XFF:1',
      'ip:',
    ]) {
      expect(() => ipSourceFromEnvironment(value), value).toThrow(/CLIENT_IP_SOURCE/);
    }
  });
});
