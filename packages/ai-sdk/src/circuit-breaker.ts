import type { CircuitBreakerOptions, CircuitCause } from './options.js';

/** The three states of a circuit breaker. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** Decides whether Adstract may be called; one instance per middleware. */
export interface CircuitBreaker {
  readonly state: CircuitState;
  /** True when a start call may go out now (in half-open state: only the single probe). */
  allowRequest(): boolean;
  recordStartSuccess(): void;
  recordStartFailure(): void;
  /** An acknowledge answered 5xx: the outcome is unknown, and Adstract says to stop sending traffic. */
  recordAcknowledgeServerError(): void;
}

/**
 * Creates a circuit breaker: `failureThreshold` consecutive start failures, or one acknowledge
 * 5xx, open it for `coolDownMs`; then one probe is let through (half-open) and its result closes
 * or re-opens it. `onChange` receives every state change.
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
  let probeInFlight = false;

  const transition = (next: CircuitState, cause: CircuitCause) => {
    if (state === next) return;
    state = next;
    if (next === 'open') openedAt = now();
    onChange(next, cause);
  };

  return {
    get state() {
      return state;
    },
    allowRequest() {
      if (state === 'closed') return true;
      if (state === 'open') {
        if (now() - openedAt < coolDownMs) return false;
        transition('half-open', 'cool-down-elapsed');
      }
      if (probeInFlight) return false;
      probeInFlight = true;
      return true;
    },
    recordStartSuccess() {
      failures = 0;
      if (state === 'half-open') {
        probeInFlight = false;
        transition('closed', 'probe-succeeded');
      }
    },
    recordStartFailure() {
      failures++;
      if (state === 'half-open') {
        probeInFlight = false;
        transition('open', 'probe-failed');
      } else if (state === 'closed' && failures >= failureThreshold) {
        transition('open', 'start-failures');
      }
    },
    recordAcknowledgeServerError() {
      probeInFlight = false;
      if (state === 'open') openedAt = now();
      else transition('open', 'acknowledge-server-error');
    },
  };
}
