import { AdSDKError, hasMarker } from './ad-sdk-error.js';

const marker = Symbol.for('adstract.error.AuthenticationError');

/** Adstract refused the API key: 400 (bad format), 401 (missing or invalid) or 403 (revoked, platform paused, publisher inactive, or an ad response of another platform). */
export class AuthenticationError extends AdSDKError {
  private readonly [marker] = true;
  override name = 'AuthenticationError';

  static override isInstance(error: unknown): error is AuthenticationError {
    return hasMarker(error, marker);
  }
}
