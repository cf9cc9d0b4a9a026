import { AdSDKError, hasMarker } from './ad-sdk-error.js';

const marker = Symbol.for('adstract.error.UnexpectedResponseError');

/** An answer the contract does not describe: another 4xx, invalid JSON, or a body of the wrong shape. */
export class UnexpectedResponseError extends AdSDKError {
  private readonly [marker] = true;
  override name = 'UnexpectedResponseError';

  static override isInstance(error: unknown): error is UnexpectedResponseError {
    return hasMarker(error, marker);
  }
}
