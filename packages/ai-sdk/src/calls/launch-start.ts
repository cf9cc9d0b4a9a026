import {
  AdSDKError,
  type Adstract,
  NoFillError,
  type OptionalContext,
  PromptRejectedError,
  type RequestContext,
  type WrappingType,
} from '@adstract/client';
import { classifyStartFailure } from './classify-start-failure.js';
import type { TimedOutcome } from './start-outcome.js';

/** Everything one start call needs. */
export interface LaunchStartInput {
  getClient: () => Adstract;
  prompt: string;
  context: RequestContext;
  optionalContext: OptionalContext | undefined;
  /** The middleware's `wrappingType` (undefined: the client's own). */
  wrappingType: WrappingType | undefined;
  /** Hard cap of the whole request, retries included: past it the start is dropped. */
  capMs: number;
}

/**
 * Sends one start call that belongs to no caller: it is not aborted when the caller aborts or the
 * start budget runs out (Adstract may answer 200 all the same, and every 200 must be
 * acknowledged), only dropped at `capMs`. Settles with the classified outcome and never rejects.
 */
export async function launchStart(input: LaunchStartInput): Promise<TimedOutcome> {
  const startedAt = performance.now();
  const elapsed = () => performance.now() - startedAt;
  let error: AdSDKError;
  try {
    const result = await input.getClient().requestAd({
      prompt: input.prompt,
      context: input.context,
      optionalContext: input.optionalContext,
      wrappingType: input.wrappingType,
      timeoutMs: input.capMs,
      totalTimeoutMs: input.capMs,
      raiseException: false,
    });
    const response = result.adResponse;
    if (result.success && response?.enhancedPrompt) {
      return {
        status: 'filled',
        adResponseId: response.adResponseId,
        enhancedPrompt: response.enhancedPrompt,
        productName: response.productName,
        durationMs: elapsed(),
      };
    }
    if (NoFillError.isInstance(result.error) || PromptRejectedError.isInstance(result.error)) {
      return {
        status: NoFillError.isInstance(result.error) ? 'no-fill' : 'rejected',
        durationMs: elapsed(),
      };
    }
    error = result.error ?? new AdSDKError({ message: 'Adstract start gave no enhancement' });
  } catch (thrown) {
    // Only a client that cannot be built throws here (requestAd itself runs in fallback mode).
    error = AdSDKError.isInstance(thrown)
      ? thrown
      : new AdSDKError({ message: 'Adstract start failed', cause: thrown });
  }
  return { status: 'failed', reason: classifyStartFailure(error), error, durationMs: elapsed() };
}
