import { AdEnhancementError } from './ad-enhancement-error.js';
import { hasMarker } from './ad-sdk-error.js';

const marker = Symbol.for('adstract.error.PromptRejectedError');

/** Start answered 201 (`rejected`): the prompt is unsuitable for ads. Use the original prompt; never acknowledge. */
export class PromptRejectedError extends AdEnhancementError {
  /** Brand read by `isInstance` (a `Symbol.for` key, shared by every copy of this package). */
  readonly [marker] = true;
  override name = 'PromptRejectedError';

  /** True when `error` is a `PromptRejectedError`, from this or any other copy of this package. */
  static override isInstance(error: unknown): error is PromptRejectedError {
    return hasMarker(error, marker);
  }
}
