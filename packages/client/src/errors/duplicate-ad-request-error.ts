import { AdEnhancementError } from './ad-enhancement-error.js';
import { hasMarker } from './ad-sdk-error.js';

const marker = Symbol.for('adstract.error.DuplicateAdRequestError');

/** Start answered 409: this message already has an ad request. Do not retry it as a fresh request. */
export class DuplicateAdRequestError extends AdEnhancementError {
  /** Brand read by `isInstance` (a `Symbol.for` key, shared by every copy of this package). */
  readonly [marker] = true;
  override name = 'DuplicateAdRequestError';

  /** True when `error` is a `DuplicateAdRequestError`, from this or any other copy of this package. */
  static override isInstance(error: unknown): error is DuplicateAdRequestError {
    return hasMarker(error, marker);
  }
}
