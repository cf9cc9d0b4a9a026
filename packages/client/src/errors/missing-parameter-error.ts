import { hasMarker } from './ad-sdk-error.js';
import { ValidationError } from './validation-error.js';

const marker = Symbol.for('adstract.error.MissingParameterError');

/** A required request-context field (`sessionId`, `userAgent`, `userIp`) is missing or empty. */
export class MissingParameterError extends ValidationError {
  /** Brand read by `isInstance` (a `Symbol.for` key, shared by every copy of this package). */
  readonly [marker] = true;
  override name = 'MissingParameterError';

  /** True when `error` is a `MissingParameterError`, from this or any other copy of this package. */
  static override isInstance(error: unknown): error is MissingParameterError {
    return hasMarker(error, marker);
  }
}
