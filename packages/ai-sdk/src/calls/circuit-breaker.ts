import type { CircuitBreakerOptions } from '../options/middleware-options.js';
import type { CircuitCause } from '../options/outcome-event.js';

/** The three states of a circuit breaker. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Leave to make one start call. Report how it ended exactly once: later reports are ignored, so
 * `release()` in a `finally` is always safe.
 */
export interface CircuitPermit {
  /** Adstract answered (200, 201 or 202): it is healthy. */
  recordSuccess(): void;
  /** Adstract looks unhealthy (network failure, timeout, 429, 5xx): counts toward opening. */
  recordFailure(): void;
  /**
   * The call ended without a verdict on Adstract's health (caller abort, a 4xx, an unusable
   * answer): nothing is counted, and a half-open probe is handed back for the next call.
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
  /** An acknowledge answered 5xx: the outcome is unknown, and Adstract says to stop sending traffic. */
  recordAcknowledgeServerError(): void;
}

/**
 * Creates a circuit breaker: `failureThreshold` consecutive unhealthy start answers, or one
 * acknowledge 5xx, open it for `coolDownMs`; then one probe is let through (half-open) and its
 * verdict closes or re-opens it. A probe that ends without a verdict is released, so the next call
 * probes. `onChange` receives every state change.
 */
export function createCircuitBreaker(
  options: CircuitBreakerOptions,
  onChange: (state: CircuitState, cause: CircuitCause) => void,
  now: () => number = Date.now,
): CircuitBreaker {
  const failureThreshold = options.failureThreshold ?? 5;
  const coolDownMs = options.coolDownMs ?? 30_000;
  let state: CircuitState = 'closed';
  let failures = 0;
  let openedAt = 0;
  /** The permit of the half-open probe in flight. */
  let probe: CircuitPermit | undefined;

  const transition = (next: CircuitState, cause: CircuitCause) => {
    if (state === next) return;
    state = next;
    if (next === 'open') openedAt = now();
    onChange(next, cause);
  };

  const createPermit = (): CircuitPermit => {
    let reported = false;
    const permit: CircuitPermit = {
      recordSuccess() {
        if (reported) return;
        reported = true;
        failures = 0;
        if (probe === permit) {
          probe = undefined;
          transition('closed', 'probe-succeeded');
        }
      },
      recordFailure() {
        if (reported) return;
        reported = true;
        failures++;
        if (probe === permit) {
          probe = undefined;
          transition('open', 'probe-failed');
        } else if (state === 'closed' && failures >= failureThreshold) {
          transition('open', 'start-failures');
        }
      },
      release() {
        if (reported) return;
        reported = true;
        if (probe === permit) probe = undefined;
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
      if (state === 'closed') return createPermit();
      if (probe !== undefined) return undefined;
      probe = createPermit();
      return probe;
    },
    recordAcknowledgeServerError() {
      // A probe still in flight no longer decides anything: the circuit opens (again) now.
      probe = undefined;
      if (state === 'open') openedAt = now();
      else transition('open', 'acknowledge-server-error');
    },
  };
}
