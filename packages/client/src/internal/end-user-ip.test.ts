import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error.js';
import { validateEndUserIp } from './end-user-ip.js';

const FIELD = 'context.userIp';

function rejection(value: string): ValidationError {
  try {
    validateEndUserIp(value, FIELD);
  } catch (error) {
    if (ValidationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(value)} to be refused`);
}

describe('validateEndUserIp', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:cb00:7107', '203.0.113.7'],
    ['2001:DB8::77', '2001:db8::77'],
    ['2001:0db8:0000:0000:0000:0000:0000:0077', '2001:db8::77'],
    [' 198.51.100.9\t', '198.51.100.9'],
    ['8.8.8.8', '8.8.8.8'],
    ['2606:4700:4700::1111', '2606:4700:4700::1111'],
    ['192.0.2.1', '192.0.2.1'],
    ['3fff::1', '3fff::1'],
  ])('accepts %j and returns %s', (value, canonical) => {
    expect(validateEndUserIp(value, FIELD)).toBe(canonical);
  });

  it.each([
    'not-an-ip\r\nX-Evil: 1',
    'not-an-ip',
    '203.0.113.7:8080',
    '[2001:db8::7]',
    '203.0.113.7, 198.51.100.1',
    '203.000.113.007',
    'fe80::1%eth0',
    'localhost',
    '1'.repeat(1_000_000),
  ])('refuses %j: not exactly one IP address', (value) => {
    const error = rejection(value);
    expect(error.field).toBe(FIELD);
    expect(error.message).toBe(
      `${FIELD} must be an IP address: IPv4 such as 203.0.113.7 or IPv6 such as 2001:db8::7, without a port or brackets`,
    );
  });

  it.each([
    ['10.1.2.3', 'in 10.0.0.0/8, a private range'],
    ['172.20.0.1', 'in 172.16.0.0/12, a private range'],
    ['192.168.1.20', 'in 192.168.0.0/16, a private range'],
    ['fd12:3456::1', 'in fc00::/7, a private range'],
    ['127.0.0.1', 'in 127.0.0.0/8, a loopback range'],
    ['::1', 'the loopback address'],
    ['::ffff:127.0.0.1', 'in 127.0.0.0/8, a loopback range'],
    ['169.254.1.1', 'in 169.254.0.0/16, a link-local range'],
    ['fe80::1', 'in fe80::/10, a link-local range'],
    ['100.64.0.1', 'in 100.64.0.0/10, a shared (carrier-grade NAT) range'],
    ['0.0.0.0', 'the unspecified address'],
    ['::', 'the unspecified address'],
  ])('refuses %s as a local address, pointing at the proxy set-up', (value, where) => {
    const error = rejection(value);
    expect(error.field).toBe(FIELD);
    expect(error.message).toBe(
      `${FIELD} must be the end user's public IP address, but it is ${where}: a private or loopback address usually means a proxy misconfiguration (the app is reading its own proxy's address instead of the client's; see "The end user's IP" in the @adstract/client README)`,
    );
  });

  it.each([
    ['224.0.0.1', 'in 224.0.0.0/4, a multicast range'],
    ['ff02::1', 'in ff00::/8, a multicast range'],
    ['255.255.255.255', 'the broadcast address'],
    ['240.0.0.1', 'in 240.0.0.0/4, a reserved range'],
    ['198.18.0.1', 'in 198.18.0.0/15, a reserved range'],
    ['4000::1', 'in ::/0, a reserved range'],
  ])('refuses %s as an address no end user has', (value, where) => {
    expect(rejection(value).message).toBe(
      `${FIELD} must be the end user's public IP address, but it is ${where}, which no end user connects from`,
    );
  });

  it('never quotes the value it refuses', () => {
    for (const value of ['192.168.77.99', 'fd00:dead:beef::77', 'secret-host:8080']) {
      const message = rejection(value).message;
      expect(message).not.toContain(value);
      expect(message).not.toContain('77');
    }
  });
});
