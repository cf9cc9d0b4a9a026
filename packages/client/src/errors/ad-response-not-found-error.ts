import { hasMarker } from './ad-sdk-error.js';
import { AdAcknowledgmentError } from './ad-acknowledgment-error.js';

const marker = Symbol.for('adstract.error.AdResponseNotFoundError');

/** Acknowledge answered 404: the ad response id is unknown. */
export class AdResponseNotFoundError extends AdAcknowledgmentError {
  private readonly [marker] = true;
  override name = 'AdResponseNotFoundError';

  static override isInstance(error: unknown): error is AdResponseNotFoundError {
    return hasMarker(error, marker);
  }
}
