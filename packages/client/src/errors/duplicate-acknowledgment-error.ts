import { AdAcknowledgmentError } from './ad-acknowledgment-error.js';
import { hasMarker } from './ad-sdk-error.js';

const marker = Symbol.for('adstract.error.DuplicateAcknowledgmentError');

/** Acknowledge answered 409: this ad response was already acknowledged. */
export class DuplicateAcknowledgmentError extends AdAcknowledgmentError {
  /** Brand read by `isInstance` (a `Symbol.for` key, shared by every copy of this package). */
  readonly [marker] = true;
  override name = 'DuplicateAcknowledgmentError';

  /** True when `error` is a `DuplicateAcknowledgmentError`, from this or any other copy of this package. */
  static override isInstance(error: unknown): error is DuplicateAcknowledgmentError {
    return hasMarker(error, marker);
  }
}
