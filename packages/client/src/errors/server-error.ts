import { AdSDKError, hasMarker } from './ad-sdk-error.js';

const marker = Symbol.for('adstract.error.ServerError');

/** Adstract answered 5xx (after the configured retries, for start; never retried for acknowledge, whose outcome is then unknown). */
export class ServerError extends AdSDKError {
  /** Brand read by `isInstance` (a `Symbol.for` key, shared by every copy of this package). */
  readonly [marker] = true;
  override name = 'ServerError';

  /** True when `error` is a `ServerError`, from this or any other copy of this package. */
  static override isInstance(error: unknown): error is ServerError {
    return hasMarker(error, marker);
  }
}
