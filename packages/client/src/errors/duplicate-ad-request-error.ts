import { hasMarker } from './ad-sdk-error.js';
import { AdEnhancementError } from './ad-enhancement-error.js';

const marker = Symbol.for('adstract.error.DuplicateAdRequestError');

/** Start answered 409: this message already has an ad request. Do not retry it as a fresh request. */
export class DuplicateAdRequestError extends AdEnhancementError {
  private readonly [marker] = true;
  override name = 'DuplicateAdRequestError';

  static override isInstance(error: unknown): error is DuplicateAdRequestError {
    return hasMarker(error, marker);
  }
}
