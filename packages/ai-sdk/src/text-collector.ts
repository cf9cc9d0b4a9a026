import type { LanguageModelV4StreamPart, SharedV4ProviderMetadata } from '@ai-sdk/provider';
import type { CallEnding } from './message-ledger.js';

/**
 * A pass-through stream stage that gathers the text the end user receives and reports how the
 * stream ended, exactly once: `flush` on a normal end, `cancel` on abort, on the consumer's cancel
 * or on a failing source (flush never runs then). The end callback must not throw or block: it
 * only schedules work, so the consumer's stream closes as soon as the model's does.
 */
export function collectText(options: {
  onText: (delta: string) => void;
  onEnd: (ending: CallEnding) => void;
  metadata: SharedV4ProviderMetadata;
  /** The call's abort signal: the SDK cancels the stream without a reason when the caller aborts. */
  abortSignal?: AbortSignal | undefined;
}): TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart> {
  let ending: CallEnding = 'finished';
  // `cancel` is in the Streams standard and in Node 22+, but not yet in TypeScript's DOM types.
  const transformer: Transformer<LanguageModelV4StreamPart, LanguageModelV4StreamPart> & {
    cancel: (reason: unknown) => void;
  } = {
    transform(part, controller) {
      switch (part.type) {
        case 'text-delta':
          options.onText(part.delta);
          controller.enqueue(part);
          return;
        case 'finish': {
          const reason = part.finishReason.unified;
          if (reason === 'tool-calls') ending = 'tool-calls';
          else if (reason === 'error') ending = 'error';
          else if (reason === 'interrupted') ending = 'aborted';
          controller.enqueue({
            ...part,
            providerMetadata: { ...part.providerMetadata, ...options.metadata },
          });
          return;
        }
        case 'error':
          ending = 'error';
          controller.enqueue(part);
          return;
        default:
          controller.enqueue(part);
      }
    },
    flush() {
      options.onEnd(ending);
    },
    cancel(reason) {
      options.onEnd(cancelEnding(reason, options.abortSignal));
    },
  };
  return new TransformStream(transformer);
}

/**
 * Why `cancel` ran. The SDK cancels without a reason when the caller aborts (hence the signal
 * check); a failing source cancels with its error; a consumer's `reader.cancel()` usually gives no
 * reason, or one that is not an Error.
 */
function cancelEnding(reason: unknown, abortSignal: AbortSignal | undefined): CallEnding {
  if (abortSignal?.aborted === true || isAbortError(reason)) return 'aborted';
  return reason instanceof Error ? 'error' : 'cancelled';
}

/** True for the errors an aborted fetch or AbortSignal produce. */
export function isAbortError(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'AbortError' ||
      error.name === 'TimeoutError' ||
      error.name === 'ResponseAborted')
  );
}
