/** An answer being generated, as {@link AnswerStops.begin} returns it. */
export interface RunningAnswer {
  /** Aborted when the user stops the answer (already, when the stop arrived first). */
  signal: AbortSignal;
  /** Forgets the answer once it is over (calling it again is harmless). */
  end(): void;
}

/**
 * Lets the Stop button end an answer on the server. The page asks `DELETE /api/chat?answer=<id>`
 * rather than dropping the connection: the server aborts the model call, the stream ends with
 * what was sent so far, and the text on screen is the text the middleware acknowledges. A dropped
 * connection (a closed tab) is not a stop: the middleware reads the answer to its end and
 * acknowledges it whole.
 */
export interface AnswerStops {
  /** Registers the answer to the request `answerId`. */
  begin(answerId: string): RunningAnswer;
  /**
   * Stops the answer `answerId`; true when it was running. A stop that arrives before its answer
   * begins (Stop pressed right after Send) is kept for `keepMs`, and that answer begins aborted.
   */
  stop(answerId: string): boolean;
  /** Answers and early stops held right now. */
  readonly size: number;
}

/** Options of {@link createAnswerStops}. */
export interface AnswerStopsOptions {
  /** How long an answer or an early stop is held at most (default 5 minutes). */
  keepMs?: number;
  /** Entries held at most; beyond it the oldest is forgotten (default 10,000). */
  maxEntries?: number;
}

/** A registry of running answers, kept in this server process (see the README for serverless). */
export function createAnswerStops(options: AnswerStopsOptions = {}): AnswerStops {
  const { keepMs = 5 * 60_000, maxEntries = 10_000 } = options;
  const entries = new Map<string, { controller: AbortController; timer: NodeJS.Timeout }>();

  const forget = (answerId: string) => {
    const entry = entries.get(answerId);
    if (entry === undefined) return;
    clearTimeout(entry.timer);
    entries.delete(answerId);
  };
  const hold = (answerId: string) => {
    const oldest = entries.keys().next();
    if (entries.size >= maxEntries && !oldest.done) forget(oldest.value);
    const timer = setTimeout(() => forget(answerId), keepMs);
    timer.unref();
    const entry = { controller: new AbortController(), timer };
    entries.set(answerId, entry);
    return entry;
  };

  return {
    begin(answerId) {
      const early = entries.get(answerId);
      const { controller } = early ?? hold(answerId);
      let ended = false;
      return {
        signal: controller.signal,
        end() {
          if (ended) return;
          ended = true;
          if (entries.get(answerId)?.controller === controller) forget(answerId);
        },
      };
    },
    stop(answerId) {
      const running = entries.get(answerId);
      if (running !== undefined) {
        const wasRunning = !running.controller.signal.aborted;
        running.controller.abort();
        return wasRunning;
      }
      hold(answerId).controller.abort();
      return false;
    },
    get size() {
      return entries.size;
    },
  };
}
