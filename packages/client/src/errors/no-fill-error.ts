import { AdEnhancementError } from './ad-enhancement-error.js';
import { hasMarker } from './ad-sdk-error.js';

const marker = Symbol.for('adstract.error.NoFillError');

/** Start answered 202 (`no_fill`): no ad inventory. Use the original prompt; never acknowledge. */
export class NoFillError extends AdEnhancementError {
  /** Brand read by `isInstance` (a `Symbol.for` key, shared by every copy of this package). */
  readonly [marker] = true;
  override name = 'NoFillError';

  /** True when `error` is a `NoFillError`, from this or any other copy of this package. */
  static override isInstance(error: unknown): error is NoFillError {
    return hasMarker(error, marker);
  }
}
