import { AdSDKError, hasMarker } from './ad-sdk-error.js';

const marker = Symbol.for('adstract.error.AuthenticationError');

/** Adstract refused the API key: 400 (bad format), 401 (missing or invalid) or 403 (revoked, platform paused, publisher inactive, or an ad response of another platform). */
export class AuthenticationError extends AdSDKError {
  /** Brand read by `isInstance` (a `Symbol.for` key, shared by every copy of this package). */
  readonly [marker] = true;
  override name = 'AuthenticationError';

  /** True when `error` is an `AuthenticationError`, from this or any other copy of this package. */
  static override isInstance(error: unknown): error is AuthenticationError {
    return hasMarker(error, marker);
  }
}
