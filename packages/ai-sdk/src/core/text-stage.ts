import type { ProviderMetadata } from '../spec/language-model.js';
import type { SpecAdapter } from '../spec/spec-adapter.js';
import type { CallEnding } from './answer-ledger.js';
import { startTimer, type Timer } from './timer.js';

/** What {@link collectText} reports to its caller. */
export interface CollectTextOptions {
  /** Reads the parts of the model's spec version. */
  spec: SpecAdapter;
  /** Called with every text delta, in order. */
  onText: (delta: string) => void;
  /** Called exactly once, when the stream ends in any way. Must not throw or block. */
  onEnd: (ending: CallEnding) => void;
  /**
   * Merged into the `providerMetadata` of each `text-start` part and of the `finish` part. The AI
   * SDK sends text parts' metadata on to the browser (UI message streams) and records it on its
   * spans: it must hold nothing the browser or a trace should not see.
   */
  metadata: ProviderMetadata;
  /** The call's abort signal: the SDK cancels the stream without a reason when the caller aborts. */
  abortSignal?: AbortSignal | undefined;
  /**
   * How long the consumer may leave a part unread, while the stage waits on nothing else, before
   * the stage reads the rest of the model's stream itself (ending `abandoned`). None when omitted.
   */
  stallTimeoutMs?: number | undefined;
}

/** The stage's stream, and a way to stop it for good. */
export interface TextStage<Part> {
  stream: ReadableStream<Part>;
  /** Cancels the model's stream and closes the consumer's side (parts already queued stay readable). */
  cancel: () => void;
}

/** Longest a stage reads an abandoned stream by itself before it cancels it. */
const DRAIN_CAP_MS = 60_000;
/** Parts queued for a consumer that stopped reading, beyond which they are no longer kept. */
const MAX_QUEUED_WHILE_ABANDONED = 10_000;

/**
 * Passes the model's stream through unchanged (except for the metadata added to its
 * `text-start` and `finish` parts) while gathering the text the end user receives, and reports how the stream ended, exactly
 * once: after the last part was taken on a normal end; on the consumer's cancel; at the caller's
 * abort (parts read after it still pass, uncounted); when the source fails; or, when the consumer
 * stopped reading for `stallTimeoutMs` (a closed tab whose route did not call `consumeStream()`),
 * once the stage has read the rest of the model's stream itself, bounded in time and memory.
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
): TextStage<Part> {
  const { spec, abortSignal, stallTimeoutMs } = options;
  const reader = source.getReader();
  let controller!: ReadableStreamDefaultController<Part>;
  let ending: CallEnding = 'finished';
  let ended = false;
  /** The consumer cancelled, or the stage was stopped: nothing more is read for anyone. */
  let stopped = false;
  let closed = false;
  let draining = false;
  let reading = false;
  let pulls = 0;
  let watchdog: Timer | undefined;

  const onAbort = () => end('aborted');
  const end = (how: CallEnding) => {
    if (ended) return;
    ended = true;
    clearTimeout(watchdog);
    abortSignal?.removeEventListener('abort', onAbort);
    options.onEnd(how);
  };
  // The caller's abort ends the answer at once, with the text so far: ai@5 and ai@6 keep reading
  // the model's stream after an abort (only the provider's own fetch stops it), ai@7 cancels it.
  abortSignal?.addEventListener('abort', onAbort, { once: true });

  const close = () => {
    if (closed) return;
    closed = true;
    try {
      controller.close();
    } catch {
      // Already errored or closed by the consumer's cancel.
    }
  };

  const pass = (part: Part): Part => {
    const event = spec.readPart(part);
    switch (event.kind) {
      case 'text':
        if (!ended) options.onText(event.delta);
        return part;
      case 'text-start':
        // The label of a UI is known before the first word (see adstractMessageMetadata).
        return spec.withPartMetadata(part, options.metadata) as Part;
      case 'finish':
        if (event.reason === 'tool-calls') ending = 'tool-calls';
        else if (event.reason === 'error') ending = 'error';
        else if (event.reason === 'interrupted') ending = 'aborted';
        return spec.withPartMetadata(part, options.metadata) as Part;
      case 'error':
        ending = 'error';
        return part;
      case 'other':
        return part;
    }
  };

  /** Reads the rest of an abandoned stream: the answer completes, and is acknowledged whole. */
  const drain = async () => {
    draining = true;
    const cap = startTimer(() => stage.cancel(), DRAIN_CAP_MS);
    let queued = 0;
    try {
      while (!stopped) {
        const result = await reader.read();
        if (stopped) return;
        if (result.done) {
          close();
          // Nobody will run a next step for a consumer that is gone.
          end(ending === 'error' || ending === 'aborted' ? ending : 'abandoned');
          return;
        }
        const part = pass(result.value);
        if (queued++ < MAX_QUEUED_WHILE_ABANDONED) controller.enqueue(part);
      }
    } catch (error) {
      end(cancelEnding(error, abortSignal));
    } finally {
      clearTimeout(cap);
    }
  };

  /**
   * Checks every half `stallTimeoutMs`: a consumer that pulled nothing over two checks in a row,
   * while no read was pending, is gone. So a stall is seen between 1 and 1.5 × `stallTimeoutMs`
   * after the last read, for one timer per stream and no clock read per part.
   */
  const watch = (seen: number, idleChecks: number) => {
    if (stallTimeoutMs === undefined) return;
    watchdog = startTimer(() => {
      if (ended || stopped || draining) return;
      const idle = pulls === seen && !reading;
      if (idle && idleChecks >= 1) void drain();
      else watch(pulls, idle ? idleChecks + 1 : 0);
    }, stallTimeoutMs / 2);
  };

  const stream = new ReadableStream<Part>({
    start(streamController) {
      controller = streamController;
      watch(0, 0);
    },
    pull() {
      if (draining) return;
      pulls++;
      reading = true;
      return reader.read().then(
        (result) => {
          reading = false;
          // A cancel while this read was pending has already ended the stream.
          if (stopped || draining) return;
          if (result.done) {
            close();
            end(ending);
          } else {
            controller.enqueue(pass(result.value));
          }
        },
        (error: unknown) => {
          reading = false;
          end(cancelEnding(error, abortSignal));
          throw error;
        },
      );
    },
    cancel(reason) {
      stopped = true;
      closed = true;
      end(cancelEnding(reason, abortSignal));
      // The consumer is done with the stream: a source that already failed must not fail its
      // cancel (nobody may be awaiting it, and it would surface as an unhandled rejection).
      return reader.cancel(reason).catch(() => {});
    },
  });

  const stage: TextStage<Part> = {
    stream,
    cancel() {
      if (stopped) return;
      stopped = true;
      clearTimeout(watchdog);
      reader.cancel().catch(() => {});
      close();
    },
  };
  return stage;
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
