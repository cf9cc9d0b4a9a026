import { Adstract, ValidationError } from '@adstract/client';
import { describe, expect, it, vi } from 'vitest';
import { createClientGetter } from './client-getter.js';

const client = new Adstract({ apiKey: 'adpk_test_0123456789', baseURL: 'http://adstract.test' });

describe('createClientGetter', () => {
  it.each([
    ['apiKey', { apiKey: 'adpk_other_0123456789' }],
    ['baseURL', { baseURL: 'http://elsewhere.test' }],
    ['retries', { retries: 2 }],
    ['fetch', { fetch: globalThis.fetch }],
  ] as const)('rejects client beside %s, naming both', (field, extra) => {
    let thrown: unknown;
    try {
      createClientGetter({ client, ...extra }, 3_000);
    } catch (error) {
      thrown = error;
    }
    expect(ValidationError.isInstance(thrown)).toBe(true);
    expect(thrown).toMatchObject({ field });
    expect((thrown as Error).message).toMatch(
      new RegExp(`^client and ${field} cannot be combined`),
    );
  });

  it('accepts client beside the per-call settings and returns that very client', () => {
    const getClient = createClientGetter({ client, wrappingType: 'markdown', timeoutMs: 10 }, 10);
    expect(getClient()).toBe(client);
  });

  it('builds one client from the options, lazily, and checks explicit settings at once', () => {
    vi.stubEnv('ADSTRACT_API_KEY', '');
    const lazy = createClientGetter({}, 3_000);
    expect(() => lazy()).toThrow(ValidationError);
    vi.unstubAllEnvs();
    expect(() => createClientGetter({ apiKey: 'short' }, 3_000)).toThrow(ValidationError);
    const getClient = createClientGetter({ apiKey: 'adpk_test_0123456789' }, 3_000);
    expect(getClient()).toBe(getClient());
  });
});
