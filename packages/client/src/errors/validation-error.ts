import { AdSDKError, type AdSDKErrorOptions, hasMarker } from './ad-sdk-error.js';

const marker = Symbol.for('adstract.error.ValidationError');

/** Bad input caught before anything was sent: the message names the field and the rule. */
export class ValidationError extends AdSDKError {
  /** Brand read by `isInstance` (a `Symbol.for` key, shared by every copy of this package). */
  readonly [marker] = true;
  override name = 'ValidationError';
  /** The offending field, e.g. `optionalContext.country`. */
  readonly field: string | undefined;

  constructor(options: AdSDKErrorOptions & { field?: string }) {
    super(options);
    this.field = options.field;
  }

  /** True when `error` is a `ValidationError`, from this or any other copy of this package. */
  static override isInstance(error: unknown): error is ValidationError {
    return hasMarker(error, marker);
  }
}
