import {
  AdSDKError,
  type Adstract,
  NoFillError,
  type OptionalContext,
  PromptRejectedError,
  type RequestContext,
  type WrappingType,
} from '@adstract/client';
import type { Hooks } from '../options/hooks.js';
import type { CircuitPermit } from './circuit-breaker.js';
import { classifyStartFailure } from './classify-start-failure.js';
import type { StartOutcome } from './start-outcome.js';

/** Everything one start call needs. */
export interface StartAdInput {
  getClient: () => Adstract;
  prompt: string;
  context: RequestContext;
  optionalContext: OptionalContext | undefined;
  /** The middleware's `wrappingType` (undefined: the client's own). */
  wrappingType: WrappingType | undefined;
  /** Budget of the whole call, retries and backoff included. */
  timeoutMs: number;
  signal: AbortSignal | undefined;
  hooks: Hooks;
  /** The circuit breaker's leave for this call (none when the breaker is off). */
  permit: CircuitPermit | undefined;
  strict: boolean;
}

/**
 * Calls start once and classifies the answer. Never throws unless `strict` is set: every failure
 * becomes a `failed` outcome (the original prompt is used) reported through `onError`, except a
 * caller abort. The permit always gets its verdict, or is released.
 */
export async function startAd(input: StartAdInput): Promise<StartOutcome> {
  try {
    return await requestAndClassify(input);
  } finally {
    input.permit?.release();
  }
}

async function requestAndClassify(input: StartAdInput): Promise<StartOutcome> {
  const { hooks, permit } = input;
  const sessionId = input.context.sessionId;
  const startedAt = performance.now();
  hooks.outcome({ type: 'requested', sessionId });
  let error: AdSDKError;
  try {
    const result = await input.getClient().requestAd({
      prompt: input.prompt,
      context: input.context,
      optionalContext: input.optionalContext,
      wrappingType: input.wrappingType,
      timeoutMs: input.timeoutMs,
      totalTimeoutMs: input.timeoutMs,
      signal: input.signal,
      raiseException: false,
    });
    const durationMs = performance.now() - startedAt;
    const response = result.adResponse;
    if (result.success && response?.enhancedPrompt) {
      permit?.recordSuccess();
      hooks.outcome({
        type: 'filled',
        sessionId,
        adResponseId: response.adResponseId,
        productName: response.productName,
        durationMs,
      });
      return {
        status: 'filled',
        adResponseId: response.adResponseId,
        enhancedPrompt: response.enhancedPrompt,
        productName: response.productName,
      };
    }
    if (NoFillError.isInstance(result.error) || PromptRejectedError.isInstance(result.error)) {
      permit?.recordSuccess();
      const status = NoFillError.isInstance(result.error) ? 'no-fill' : 'rejected';
      hooks.outcome({ type: status, sessionId, durationMs });
      return { status };
    }
    error = result.error ?? new AdSDKError({ message: 'Adstract start gave no enhancement' });
  } catch (thrown) {
    // Only a client that cannot be built throws here (requestAd itself runs in fallback mode).
    error = AdSDKError.isInstance(thrown)
      ? thrown
      : new AdSDKError({ message: 'Adstract start failed', cause: thrown });
  }
  const durationMs = performance.now() - startedAt;
  const reason = classifyStartFailure(error);
  if (reason === 'unavailable') permit?.recordFailure();
  else permit?.release();
  if (reason !== 'aborted') hooks.error(error);
  hooks.outcome({ type: 'failed', sessionId, durationMs, error, reason });
  if (input.strict) throw error;
  return { status: 'failed', reason };
}
