import { AdAcknowledgmentError } from './ad-acknowledgment-error.js';
import { hasMarker } from './ad-sdk-error.js';

const marker = Symbol.for('adstract.error.AdResponseNotFoundError');

/** Acknowledge answered 404: the ad response id is unknown. */
export class AdResponseNotFoundError extends AdAcknowledgmentError {
  /** Brand read by `isInstance` (a `Symbol.for` key, shared by every copy of this package). */
  readonly [marker] = true;
  override name = 'AdResponseNotFoundError';

  /** True when `error` is an `AdResponseNotFoundError`, from this or any other copy of this package. */
  static override isInstance(error: unknown): error is AdResponseNotFoundError {
    return hasMarker(error, marker);
  }
}
