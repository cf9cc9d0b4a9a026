import { AdSDKError, type AdSDKErrorOptions, hasMarker } from './ad-sdk-error.js';

const marker = Symbol.for('adstract.error.NetworkError');

/** Why a request got no answer. */
export type NetworkErrorReason = 'network' | 'timeout' | 'aborted';

/** No answer: a transport failure (`network`), the time limit (`timeout`) or the caller's abort (`aborted`). */
export class NetworkError extends AdSDKError {
  private readonly [marker] = true;
  override name = 'NetworkError';
  readonly reason: NetworkErrorReason;

  constructor(options: AdSDKErrorOptions & { reason: NetworkErrorReason }) {
    super(options);
    this.reason = options.reason;
  }

  static override isInstance(error: unknown): error is NetworkError {
    return hasMarker(error, marker);
  }
}
