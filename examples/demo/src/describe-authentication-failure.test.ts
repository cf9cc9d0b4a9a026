import { AuthenticationError } from '@adstract/client';
import { describe, expect, it } from 'vitest';
import { describeAuthenticationFailure } from './describe-authentication-failure.js';

const real = { label: 'https://api.adstract.ai', local: false };
const rejected = (statusCode: number) =>
  new AuthenticationError({ message: `Adstract start answered ${statusCode}`, statusCode });

describe('describeAuthenticationFailure', () => {
  it('names the variable, what is wrong with the key and how to fix it', () => {
    expect(describeAuthenticationFailure(rejected(400), real)).toBe(
      'ADSTRACT_API_KEY is not a valid Adstract key (HTTP 400: bad key format; keys look like adpk_…) at https://api.adstract.ai. Set ADSTRACT_API_KEY to a valid key, or unset it to use the local sandbox.',
    );
    expect(describeAuthenticationFailure(rejected(401), real)).toContain(
      'ADSTRACT_API_KEY is not a key Adstract knows (HTTP 401',
    );
    expect(describeAuthenticationFailure(rejected(403), real)).toContain('key revoked');
    expect(describeAuthenticationFailure(rejected(418), real)).toContain(
      'ADSTRACT_API_KEY was refused (Adstract start answered 418)',
    );
  });

  it('does not blame the environment when the local sandbox refuses the demo key', () => {
    const message = describeAuthenticationFailure(rejected(401), {
      label: 'http://127.0.0.1:1',
      local: true,
    });
    expect(message).not.toContain('ADSTRACT_API_KEY');
    expect(message).toContain('bug in the demo');
  });
});
