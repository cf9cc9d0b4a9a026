import { hasMarker } from './ad-sdk-error.js';
import { AdAcknowledgmentError } from './ad-acknowledgment-error.js';

const marker = Symbol.for('adstract.error.UnsuccessfulAdResponseError');

/** Acknowledge answered 406: the ad response was not a successful (200) enhancement. */
export class UnsuccessfulAdResponseError extends AdAcknowledgmentError {
  private readonly [marker] = true;
  override name = 'UnsuccessfulAdResponseError';

  static override isInstance(error: unknown): error is UnsuccessfulAdResponseError {
    return hasMarker(error, marker);
  }
}
