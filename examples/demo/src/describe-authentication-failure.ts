import type { AdSDKError } from '@adstract/client';
import type { ServiceEndpoint } from './services.js';

const REASONS: Record<number, string> = {
  400: 'is not a valid Adstract key (HTTP 400: bad key format; keys look like adpk_…)',
  401: 'is not a key Adstract knows (HTTP 401: missing or invalid key)',
  403: 'was refused (HTTP 403: key revoked, or its platform or publisher is inactive)',
};

/**
 * The set-up message for an `AuthenticationError` from Adstract: which variable holds the rejected
 * key, what is wrong with it, and how to fix it. Never includes the key itself.
 */
export function describeAuthenticationFailure(
  error: AdSDKError,
  adstract: Pick<ServiceEndpoint, 'label' | 'local'>,
): string {
  if (adstract.local) {
    return `the local sandbox at ${adstract.label} refused the demo's own key (${error.message}). This is a bug in the demo.`;
  }
  const reason =
    (error.statusCode === undefined ? undefined : REASONS[error.statusCode]) ??
    `was refused (${error.message})`;
  return `ADSTRACT_API_KEY ${reason} at ${adstract.label}. Set ADSTRACT_API_KEY to a valid key, or unset it to use the local sandbox.`;
}
