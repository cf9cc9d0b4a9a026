import { hasMarker } from './ad-sdk-error.js';
import { AdEnhancementError } from './ad-enhancement-error.js';

const marker = Symbol.for('adstract.error.NoFillError');

/** Start answered 202 (`no_fill`): no ad inventory. Use the original prompt; never acknowledge. */
export class NoFillError extends AdEnhancementError {
  private readonly [marker] = true;
  override name = 'NoFillError';

  static override isInstance(error: unknown): error is NoFillError {
    return hasMarker(error, marker);
  }
}
