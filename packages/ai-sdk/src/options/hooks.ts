import type { AdSDKError } from '@adstract/client';
import type { AdstractMiddlewareOptions } from './middleware-options.js';
import type { AdstractOutcomeEvent } from './outcome-event.js';

/** The app's hooks, made safe: a hook that throws never breaks the answer. */
export interface Hooks {
  error(error: AdSDKError): void;
  outcome(event: AdstractOutcomeEvent): void;
}

const warn = (error: AdSDKError) => {
  // Name and message only: messages never contain the API key, the end user's IP or ad ids.
  console.warn(`[adstract] ${error.name}: ${error.message}`);
};

/** Wraps `onError` / `onOutcome` so that they cannot throw into the model call. */
export function createHooks(options: AdstractMiddlewareOptions): Hooks {
  const onError = options.onError ?? warn;
  const onOutcome = options.onOutcome;
  return {
    error(error) {
      try {
        onError(error);
      } catch {
        // A failing hook must not turn an ad failure into an answer failure.
      }
    },
    outcome(event) {
      if (onOutcome === undefined) return;
      try {
        onOutcome(event);
      } catch {
        // Same as above.
      }
    },
  };
}
