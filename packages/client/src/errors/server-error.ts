import { AdSDKError, hasMarker } from './ad-sdk-error.js';

const marker = Symbol.for('adstract.error.ServerError');

/** Adstract answered 5xx (after the configured retries, for start; never retried for acknowledge, whose outcome is then unknown). */
export class ServerError extends AdSDKError {
  private readonly [marker] = true;
  override name = 'ServerError';

  static override isInstance(error: unknown): error is ServerError {
    return hasMarker(error, marker);
  }
}
