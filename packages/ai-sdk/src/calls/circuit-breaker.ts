import { startTimer, type Timer } from '../core/timer.js';
import type { CircuitBreakerOptions } from '../options/middleware-options.js';
import type { CircuitCause } from '../options/outcome-event.js';
import { createLatencyWindow } from './latency-window.js';
import type { TimedOutcome } from './start-outcome.js';

/** The three states of a circuit breaker. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Leave to make one start call. Its verdict is reported once; later reports are ignored, so
 * `release()` in a `finally` is always safe.
 */
export interface CircuitPermit {
  /** True for the single call let through after a cool-down. */
  readonly probe: boolean;
  /**
   * Adstract answered (200, 201 or 202) after `durationMs`. `adResponseId` is the ad of a 200:
   * after an acknowledge outage, the circuit closes only once that ad's acknowledge succeeded.
   */
  recordSuccess(durationMs: number, adResponseId?: string): void;
  /** Adstract looks unhealthy (network failure, timeout, 429, 5xx): counts toward opening. */
  recordFailure(): void;
  /**
   * The call ended without a verdict on Adstract's health (a 4xx, an unusable answer): nothing is
   * counted, and a half-open probe is handed back for the next call.
   */
  release(): void;
}

/** Decides whether Adstract may be called; one instance per middleware. */
export interface CircuitBreaker {
  readonly state: CircuitState;
  /**
   * A permit when a start call may go out now, `undefined` when the circuit is open (or half-open
   * with its single probe already out).
   */
  tryAcquire(): CircuitPermit | undefined;
  /** An acknowledge succeeded (any answer but a 5xx): after an acknowledge outage, its probe ad closes the circuit. */
  recordAcknowledgeSuccess(adResponseId: string): void;
  /**
   * An acknowledge answered 5xx or went unanswered: its outcome is unknown, and Adstract says to
   * stop sending traffic until acknowledges work again.
   */
  recordAcknowledgeFailure(): void;
  /** Calls `listener` each time the circuit opens (to release calls still waiting on a start). */
  onOpen(listener: () => void): void;
}

/** Defaults of {@link CircuitBreakerOptions}. */
export const CIRCUIT_DEFAULTS = {
  failureThreshold: 5,
  coolDownMs: 3_000,
  /** Floor of the derived slow-call threshold: the sandbox answers in about a millisecond. */
  minSlowCallMs: 250,
  /** The threshold is this multiple of the recent healthy p95. */
  slowCallFactor: 3,
} as const;

/**
 * Creates a circuit breaker. It opens on `failureThreshold` consecutive unhealthy starts, where a
 * start still in flight after the slow-call threshold counts at that moment (a hang is seen while
 * calls are still waiting, not only when they time out), or on one acknowledge that failed with an
 * unknown outcome. After `coolDownMs` one probe goes through (half-open): a healthy answer closes
 * it, an unhealthy or slow one re-opens it. After an acknowledge outage the probe's ad must also be
 * acknowledged before it closes, so no other ad is served while acknowledges still fail.
 *
 * The slow-call threshold is `slowCallMs`, or derived: 3 × the p95 of the recent healthy start
 * latencies (at least 250 ms, at most the start budget), and half the budget before any is known.
 */
export function createCircuitBreaker(input: {
  options: CircuitBreakerOptions;
  /** The start budget: a slow-call threshold never exceeds it. */
  startBudgetMs: number;
  onChange: (state: CircuitState, cause: CircuitCause) => void;
  now?: () => number;
}): CircuitBreaker {
  const { options, startBudgetMs, onChange } = input;
  const now = input.now ?? Date.now;
  const failureThreshold = options.failureThreshold ?? CIRCUIT_DEFAULTS.failureThreshold;
  const coolDownMs = options.coolDownMs ?? CIRCUIT_DEFAULTS.coolDownMs;
  const latency = createLatencyWindow();
  const openListeners: Array<() => void> = [];

  let state: CircuitState = 'closed';
  let failures = 0;
  let openedAt = 0;
  /** Why the circuit last opened: after an acknowledge outage the probe's ad must be acknowledged. */
  let openedBy: 'start' | 'acknowledge' = 'start';
  /** The permit of the half-open probe in flight. */
  let probe: CircuitPermit | undefined;
  /** After an acknowledge outage: the probe's ad, whose acknowledge decides. */
  let probeAd: string | undefined;

  const slowCallMs = (): number => {
    if (options.slowCallMs !== undefined) return Math.min(options.slowCallMs, startBudgetMs);
    const p95 = latency.p95();
    if (p95 === undefined) return Math.ceil(startBudgetMs / 2);
    const derived = Math.max(CIRCUIT_DEFAULTS.minSlowCallMs, CIRCUIT_DEFAULTS.slowCallFactor * p95);
    return Math.min(Math.ceil(derived), startBudgetMs);
  };

  const transition = (next: CircuitState, cause: CircuitCause) => {
    if (state === next) return;
    state = next;
    onChange(next, cause);
    if (next === 'open') for (const listener of openListeners) listener();
  };

  const open = (cause: CircuitCause, by: 'start' | 'acknowledge') => {
    openedAt = now();
    openedBy = by;
    probe = undefined;
    probeAd = undefined;
    if (state === 'open') return;
    transition('open', cause);
  };

  const createPermit = (isProbe: boolean): CircuitPermit => {
    let reported = false;
    let slow = false;
    // Counted as a failure at the threshold, while the call is still waiting.
    const slowTimer: Timer = startTimer(() => {
      if (reported) return;
      slow = true;
      countFailure();
    }, slowCallMs());
    const countFailure = () => {
      failures++;
      if (probe === permit) open('probe-failed', openedBy);
      else if (state === 'closed' && failures >= failureThreshold) open('start-failures', 'start');
    };
    const report = () => {
      if (reported) return false;
      reported = true;
      clearTimeout(slowTimer);
      return true;
    };
    const permit: CircuitPermit = {
      probe: isProbe,
      recordSuccess(durationMs, adResponseId) {
        if (!report()) return;
        latency.add(durationMs);
        failures = 0;
        if (probe !== permit) return;
        if (openedBy === 'acknowledge') {
          // The acknowledge endpoint is what failed: only this ad's acknowledge can close.
          if (adResponseId !== undefined) probeAd = adResponseId;
          else probe = undefined;
          return;
        }
        probe = undefined;
        transition('closed', 'probe-succeeded');
      },
      recordFailure() {
        if (!report() || slow) return;
        countFailure();
      },
      release() {
        if (!report()) return;
        if (probe === permit && probeAd === undefined) probe = undefined;
      },
    };
    return permit;
  };

  return {
    get state() {
      return state;
    },
    tryAcquire() {
      if (state === 'open') {
        if (now() - openedAt < coolDownMs) return undefined;
        transition('half-open', 'cool-down-elapsed');
      }
      if (state === 'closed') return createPermit(false);
      if (probe !== undefined) return undefined;
      probe = createPermit(true);
      return probe;
    },
    recordAcknowledgeSuccess(adResponseId) {
      if (state !== 'half-open' || probeAd !== adResponseId) return;
      probe = undefined;
      probeAd = undefined;
      transition('closed', 'probe-acknowledged');
    },
    recordAcknowledgeFailure() {
      open('acknowledge-failed', 'acknowledge');
    },
    onOpen(listener) {
      openListeners.push(listener);
    },
  };
}

/**
 * Gives a permit the verdict of its start: an answer (200, 201, 202) is healthy, network
 * failures, the time limit, 429 and 5xx are not, anything else says nothing of Adstract's health.
 */
export function recordVerdict(permit: CircuitPermit | undefined, outcome: TimedOutcome): void {
  if (permit === undefined) return;
  if (outcome.status === 'filled') permit.recordSuccess(outcome.durationMs, outcome.adResponseId);
  else if (outcome.status !== 'failed') permit.recordSuccess(outcome.durationMs);
  else if (outcome.reason === 'unavailable') permit.recordFailure();
  else permit.release();
}
