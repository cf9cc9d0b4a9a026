import { AdSDKError, hasMarker } from './ad-sdk-error.js';

const marker = Symbol.for('adstract.error.AdAcknowledgmentError');

/** The acknowledge call failed. */
export class AdAcknowledgmentError extends AdSDKError {
  private readonly [marker] = true;
  override name = 'AdAcknowledgmentError';

  static override isInstance(error: unknown): error is AdAcknowledgmentError {
    return hasMarker(error, marker);
  }
}
