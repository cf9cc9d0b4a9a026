import {
  type AdSDKError,
  DuplicateAdRequestError,
  NetworkError,
  RateLimitError,
  ServerError,
} from '@adstract/client';
import type { StartFailureReason } from '../options/outcome-event.js';

/**
 * Sorts a failed start call: only `unavailable` (network failure, time budget, 429, 5xx) says
 * Adstract is unhealthy; a 409, other 4xx, unusable answers and caller aborts say nothing of it.
 */
export function classifyStartFailure(error: AdSDKError): StartFailureReason {
  if (NetworkError.isInstance(error)) return error.reason === 'aborted' ? 'aborted' : 'unavailable';
  if (RateLimitError.isInstance(error) || ServerError.isInstance(error)) return 'unavailable';
  if (DuplicateAdRequestError.isInstance(error)) return 'duplicate';
  return 'invalid';
}
