import type { ProviderMetadata } from '../spec/language-model.js';
import type { SpecAdapter } from '../spec/spec-adapter.js';
import type { CallEnding } from './answer-ledger.js';

/** What {@link collectText} reports to its caller. */
export interface CollectTextOptions {
  /** Reads the parts of the model's spec version. */
  spec: SpecAdapter;
  /** Called with every text delta, in order. */
  onText: (delta: string) => void;
  /** Called exactly once, when the stream ends in any way. Must not throw or block. */
  onEnd: (ending: CallEnding) => void;
  /** Merged into the `providerMetadata` of the stream's `finish` part. */
  metadata: ProviderMetadata;
  /** The call's abort signal: the SDK cancels the stream without a reason when the caller aborts. */
  abortSignal?: AbortSignal | undefined;
}

/**
 * Passes the model's stream through unchanged (except for the metadata added to its `finish`
 * part) while gathering the text the end user receives, and reports how the stream ended, exactly
 * once: after the last part was taken on a normal end; on the consumer's cancel; at the caller's
 * abort (parts read after it still pass, uncounted); or when the source fails.
 *
 * It is a pull-based stage, not a `TransformStream`: the consumer's reads pull straight from the
 * model's stream, with one part read ahead (the default high-water mark of 1), so the end is seen
 * as soon as the last part is taken. This costs less than half of a `pipeThrough` (see
 * BENCHMARKS.md). The end callback only schedules work, so the consumer's stream closes as soon as
 * the model's does.
 */
export function collectText<Part>(
  source: ReadableStream<Part>,
  options: CollectTextOptions,
): ReadableStream<Part> {
  const { spec, abortSignal } = options;
  const reader = source.getReader();
  let ending: CallEnding = 'finished';
  let ended = false;
  let cancelled = false;
  const onAbort = () => end('aborted');
  const end = (how: CallEnding) => {
    if (ended) return;
    ended = true;
    abortSignal?.removeEventListener('abort', onAbort);
    options.onEnd(how);
  };
  // The caller's abort ends the answer at once, with the text so far: ai@5 and ai@6 keep reading
  // the model's stream after an abort (only the provider's own fetch stops it), ai@7 cancels it.
  abortSignal?.addEventListener('abort', onAbort, { once: true });

  const pass = (part: Part): Part => {
    const event = spec.readPart(part);
    switch (event.kind) {
      case 'text':
        if (!ended) options.onText(event.delta);
        return part;
      case 'finish':
        if (event.reason === 'tool-calls') ending = 'tool-calls';
        else if (event.reason === 'error') ending = 'error';
        else if (event.reason === 'interrupted') ending = 'aborted';
        return spec.withFinishMetadata(part, options.metadata) as Part;
      case 'error':
        ending = 'error';
        return part;
      case 'other':
        return part;
    }
  };

  return new ReadableStream<Part>({
    pull(controller) {
      return reader.read().then(
        (result) => {
          // A cancel while this read was pending has already ended the stream.
          if (cancelled) return;
          if (result.done) {
            controller.close();
            end(ending);
          } else {
            controller.enqueue(pass(result.value));
          }
        },
        (error: unknown) => {
          end(cancelEnding(error, abortSignal));
          throw error;
        },
      );
    },
    cancel(reason) {
      cancelled = true;
      end(cancelEnding(reason, abortSignal));
      // The consumer is done with the stream: a source that already failed must not fail its
      // cancel (nobody may be awaiting it, and it would surface as an unhandled rejection).
      return reader.cancel(reason).catch(() => {});
    },
  });
}

/**
 * Why the stream stopped early. The SDK cancels without a reason when the caller aborts (hence
 * the signal check); a failing source fails with its error; a consumer's `reader.cancel()` usually
 * gives no reason, or one that is not an Error.
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
