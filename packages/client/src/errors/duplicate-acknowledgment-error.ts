import { hasMarker } from './ad-sdk-error.js';
import { AdAcknowledgmentError } from './ad-acknowledgment-error.js';

const marker = Symbol.for('adstract.error.DuplicateAcknowledgmentError');

/** Acknowledge answered 409: this ad response was already acknowledged. */
export class DuplicateAcknowledgmentError extends AdAcknowledgmentError {
  private readonly [marker] = true;
  override name = 'DuplicateAcknowledgmentError';

  static override isInstance(error: unknown): error is DuplicateAcknowledgmentError {
    return hasMarker(error, marker);
  }
}
