import { AdSDKError, hasMarker } from './ad-sdk-error.js';

const marker = Symbol.for('adstract.error.UnexpectedResponseError');

/** An answer the contract does not describe: another 4xx, invalid JSON, or a body of the wrong shape. */
export class UnexpectedResponseError extends AdSDKError {
  /** Brand read by `isInstance` (a `Symbol.for` key, shared by every copy of this package). */
  readonly [marker] = true;
  override name = 'UnexpectedResponseError';

  /** True when `error` is an `UnexpectedResponseError`, from this or any other copy of this package. */
  static override isInstance(error: unknown): error is UnexpectedResponseError {
    return hasMarker(error, marker);
  }
}
