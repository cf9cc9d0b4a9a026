import { startTimer } from '../core/timer.js';
import type { TimedOutcome } from './start-outcome.js';

/** How waiting for a start ended. */
export type StartWait =
  | { kind: 'answered'; outcome: TimedOutcome }
  | { kind: 'budget' }
  | { kind: 'released' }
  | { kind: 'aborted'; reason: unknown };

/**
 * Waits for a start within the call's budget. The call stops waiting, at once, when the budget
 * runs out, when `release` fires (the circuit opened: Adstract is down, no reason to wait), or
 * when the caller aborts; the start itself goes on (see `launchStart`).
 */
export function waitForStart(
  outcome: Promise<TimedOutcome>,
  input: {
    budgetMs: number;
    signal: AbortSignal | undefined;
    /** Calls its argument when the call should stop waiting; returns an unsubscribe function. */
    onRelease: (release: () => void) => () => void;
  },
): Promise<StartWait> {
  const { signal } = input;
  if (signal?.aborted) return Promise.resolve({ kind: 'aborted', reason: signal.reason });
  return new Promise<StartWait>((resolve) => {
    let done = false;
    const finish = (wait: StartWait) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsubscribe();
      signal?.removeEventListener('abort', onAbort);
      resolve(wait);
    };
    const onAbort = () => finish({ kind: 'aborted', reason: signal?.reason });
    const timer = startTimer(() => finish({ kind: 'budget' }), input.budgetMs);
    const unsubscribe = input.onRelease(() => finish({ kind: 'released' }));
    signal?.addEventListener('abort', onAbort, { once: true });
    void outcome.then((answered) => finish({ kind: 'answered', outcome: answered }));
  });
}
