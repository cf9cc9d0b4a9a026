import { hasMarker } from './ad-sdk-error.js';
import { ValidationError } from './validation-error.js';

const marker = Symbol.for('adstract.error.MissingParameterError');

/** A required request-context field (`sessionId`, `userAgent`, `userIp`) is missing or empty. */
export class MissingParameterError extends ValidationError {
  private readonly [marker] = true;
  override name = 'MissingParameterError';

  static override isInstance(error: unknown): error is MissingParameterError {
    return hasMarker(error, marker);
  }
}
