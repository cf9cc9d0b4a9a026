import { AdAcknowledgmentError } from './ad-acknowledgment-error.js';
import { hasMarker } from './ad-sdk-error.js';

const marker = Symbol.for('adstract.error.UnsuccessfulAdResponseError');

/** Acknowledge answered 406: the ad response was not a successful (200) enhancement. */
export class UnsuccessfulAdResponseError extends AdAcknowledgmentError {
  /** Brand read by `isInstance` (a `Symbol.for` key, shared by every copy of this package). */
  readonly [marker] = true;
  override name = 'UnsuccessfulAdResponseError';

  /** True when `error` is an `UnsuccessfulAdResponseError`, from this or any other copy of this package. */
  static override isInstance(error: unknown): error is UnsuccessfulAdResponseError {
    return hasMarker(error, marker);
  }
}
