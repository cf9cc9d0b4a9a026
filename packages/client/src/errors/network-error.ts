import { AdSDKError, type AdSDKErrorOptions, hasMarker } from './ad-sdk-error.js';

const marker = Symbol.for('adstract.error.NetworkError');

/** Why a request got no answer. */
export type NetworkErrorReason = 'network' | 'timeout' | 'aborted';

/** No answer: a transport failure (`network`), the time limit (`timeout`) or the caller's abort (`aborted`). */
export class NetworkError extends AdSDKError {
  /** Brand read by `isInstance` (a `Symbol.for` key, shared by every copy of this package). */
  readonly [marker] = true;
  override name = 'NetworkError';
  readonly reason: NetworkErrorReason;

  constructor(options: AdSDKErrorOptions & { reason: NetworkErrorReason }) {
    super(options);
    this.reason = options.reason;
  }

  /** True when `error` is a `NetworkError`, from this or any other copy of this package. */
  static override isInstance(error: unknown): error is NetworkError {
    return hasMarker(error, marker);
  }
}
