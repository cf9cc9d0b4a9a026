import { AdSDKError, hasMarker } from './ad-sdk-error.js';

const marker = Symbol.for('adstract.error.AdEnhancementError');

/** The start call did not give an enhanced prompt. */
export class AdEnhancementError extends AdSDKError {
  /** Brand read by `isInstance` (a `Symbol.for` key, shared by every copy of this package). */
  readonly [marker] = true;
  override name = 'AdEnhancementError';

  /** True when `error` is an `AdEnhancementError`, from this or any other copy of this package. */
  static override isInstance(error: unknown): error is AdEnhancementError {
    return hasMarker(error, marker);
  }
}
