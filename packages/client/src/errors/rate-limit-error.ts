import { AdSDKError, type AdSDKErrorOptions, hasMarker } from './ad-sdk-error.js';

const marker = Symbol.for('adstract.error.RateLimitError');

/** Adstract answered 429 (after the configured retries). */
export class RateLimitError extends AdSDKError {
  /** Brand read by `isInstance` (a `Symbol.for` key, shared by every copy of this package). */
  readonly [marker] = true;
  override name = 'RateLimitError';
  /** What `Retry-After` asked for, in milliseconds, when it was sent. */
  readonly retryAfterMs: number | undefined;

  constructor(options: AdSDKErrorOptions & { retryAfterMs?: number }) {
    super(options);
    this.retryAfterMs = options.retryAfterMs;
  }

  /** True when `error` is a `RateLimitError`, from this or any other copy of this package. */
  static override isInstance(error: unknown): error is RateLimitError {
    return hasMarker(error, marker);
  }
}
