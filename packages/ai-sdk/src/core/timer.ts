import { MAX_TIMER_MS } from '@adstract/client/internal';

/** A timer handle of the running platform (Node, edge runtimes, browsers). */
export type Timer = ReturnType<typeof setTimeout>;

/**
 * A timer that never keeps a Node process alive: the middleware's own timers are bounds, not
 * work (scripts call `flush()` before they exit). Delays are clamped to what timers accept.
 */
export function startTimer(callback: () => void, delayMs: number): Timer {
  const timer = setTimeout(callback, Math.min(Math.max(0, delayMs), MAX_TIMER_MS));
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
