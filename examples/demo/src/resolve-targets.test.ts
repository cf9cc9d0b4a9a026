import { describe, expect, it } from 'vitest';
import { readSetting, resolveTargets } from './resolve-targets.js';

describe('readSetting', () => {
  it('treats an empty or blank value as unset and trims the rest', () => {
    expect(readSetting({ A: '' }, 'A')).toBeUndefined();
    expect(readSetting({ A: '  ' }, 'A')).toBeUndefined();
    expect(readSetting({}, 'A')).toBeUndefined();
    expect(readSetting({ A: ' sk-1 ' }, 'A')).toBe('sk-1');
  });
});

describe('resolveTargets', () => {
  it('uses the local services when no key is set, or when a key is empty', () => {
    const local = { adstract: { kind: 'local' }, openai: { kind: 'local' } };
    expect(resolveTargets({})).toEqual(local);
    expect(
      resolveTargets({
        ADSTRACT_API_KEY: '',
        ADSTRACT_BASE_URL: 'https://example.test',
        OPENAI_API_KEY: '',
        OPENAI_BASE_URL: 'http://127.0.0.1:1/v1',
      }),
    ).toEqual(local);
  });

  it('replaces each service independently, with an empty base URL counting as unset', () => {
    expect(resolveTargets({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: '' })).toEqual({
      adstract: { kind: 'local' },
      openai: { kind: 'real', apiKey: 'sk-test', baseURL: undefined },
    });
    expect(
      resolveTargets({ ADSTRACT_API_KEY: 'adpk_real_key', ADSTRACT_BASE_URL: 'http://a.test' }),
    ).toEqual({
      adstract: { kind: 'real', apiKey: 'adpk_real_key', baseURL: 'http://a.test' },
      openai: { kind: 'local' },
    });
  });
});
