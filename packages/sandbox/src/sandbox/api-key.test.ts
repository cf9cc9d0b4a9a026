import { describe, expect, it } from 'vitest';
import { checkApiKey } from './api-key.js';

describe('checkApiKey', () => {
  it('accepts well-formed adpk_ keys', () => {
    expect(checkApiKey('adpk_sandbox_key')).toEqual({ ok: true, key: 'adpk_sandbox_key' });
    expect(checkApiKey('adpk_12345')).toMatchObject({ ok: true });
  });

  it.each([
    [undefined, 401, 'missing-key'],
    ['', 401, 'missing-key'],
    ['   ', 401, 'missing-key'],
    ['sk_live_123456789', 400, 'bad-key-format'],
    ['adpk_1234', 400, 'bad-key-format'],
    ['adpk_has space', 400, 'bad-key-format'],
    [['adpk_one_key', 'adpk_two_key'], 400, 'bad-key-format'],
    ['adpk_unknown_key', 401, 'unknown-key'],
    ['adpk_revoked_key', 403, 'revoked-key'],
  ])('%j → %i', (header, status, outcome) => {
    expect(checkApiKey(header)).toMatchObject({ ok: false, status, outcome });
  });
});
