import { AdSDKError, hasMarker } from './ad-sdk-error.js';

const marker = Symbol.for('adstract.error.AdEnhancementError');

/** The start call did not give an enhanced prompt. */
export class AdEnhancementError extends AdSDKError {
  private readonly [marker] = true;
  override name = 'AdEnhancementError';

  static override isInstance(error: unknown): error is AdEnhancementError {
    return hasMarker(error, marker);
  }
}
