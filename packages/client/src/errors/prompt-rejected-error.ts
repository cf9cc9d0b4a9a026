import { hasMarker } from './ad-sdk-error.js';
import { AdEnhancementError } from './ad-enhancement-error.js';

const marker = Symbol.for('adstract.error.PromptRejectedError');

/** Start answered 201 (`rejected`): the prompt is unsuitable for ads. Use the original prompt; never acknowledge. */
export class PromptRejectedError extends AdEnhancementError {
  private readonly [marker] = true;
  override name = 'PromptRejectedError';

  static override isInstance(error: unknown): error is PromptRejectedError {
    return hasMarker(error, marker);
  }
}
