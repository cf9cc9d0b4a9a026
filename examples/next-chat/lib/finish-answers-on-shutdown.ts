/** What {@link finishAnswersOnShutdown} needs of the middleware. */
export interface Flushable {
  flush(): Promise<void>;
}

/** Options of {@link finishAnswersOnShutdown}. */
export interface ShutdownOptions {
  /** How long answers may take to end on their own before the rest is acknowledged as is. */
  graceMs?: number;
  /** Where the signals come from (a test passes its own emitter). */
  process?: Pick<NodeJS.Process, 'once'>;
}

const REGISTERED = Symbol.for('next-chat.finish-answers-on-shutdown');

/**
 * On SIGTERM or SIGINT, Next.js stops taking requests, waits for the open ones and for `after`
 * work (each ad's acknowledge), then exits. An answer nobody reads any more (a closed tab) is
 * read to its end by the middleware after `stallTimeoutMs`, but the middleware's timers do not
 * keep a process alive: without a request in flight, Node would exit first and the acknowledge
 * would be lost. This keeps the process running until Next.js exits, and after `graceMs`
 * acknowledges what is still in flight with its text so far (`flush()`), so a shutdown ends in
 * seconds. Registered once per process.
 */
export function finishAnswersOnShutdown(adstract: Flushable, options: ShutdownOptions = {}): void {
  const { graceMs = 8_000, process: signals = process } = options;
  const registry = signals as { [REGISTERED]?: true };
  if (typeof signals.once !== 'function' || registry[REGISTERED]) return;
  registry[REGISTERED] = true;
  let stopping = false;
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    // Ref'd on purpose: Next.js calls process.exit once its requests and `after` work are done.
    setInterval(() => {}, 1_000);
    setTimeout(() => void adstract.flush(), graceMs);
  };
  signals.once('SIGTERM', onSignal);
  signals.once('SIGINT', onSignal);
}
