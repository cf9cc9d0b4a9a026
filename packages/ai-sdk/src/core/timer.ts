/** A timer handle of the running platform (Node, edge runtimes, browsers). */
export type Timer = ReturnType<typeof setTimeout>;

/** Longest delay timers accept: more than 2^31 − 1 ms fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * A timer that never keeps a Node process alive: the middleware's own timers are bounds, not
 * work (scripts call `flush()` before they exit). Delays are clamped to what timers accept.
 */
export function startTimer(callback: () => void, delayMs: number): Timer {
  const timer = setTimeout(callback, Math.min(Math.max(0, delayMs), MAX_TIMER_MS));
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
