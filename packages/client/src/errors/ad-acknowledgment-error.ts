import { AdSDKError, hasMarker } from './ad-sdk-error.js';

const marker = Symbol.for('adstract.error.AdAcknowledgmentError');

/** The acknowledge call failed. */
export class AdAcknowledgmentError extends AdSDKError {
  /** Brand read by `isInstance` (a `Symbol.for` key, shared by every copy of this package). */
  readonly [marker] = true;
  override name = 'AdAcknowledgmentError';

  /** True when `error` is an `AdAcknowledgmentError`, from this or any other copy of this package. */
  static override isInstance(error: unknown): error is AdAcknowledgmentError {
    return hasMarker(error, marker);
  }
}
