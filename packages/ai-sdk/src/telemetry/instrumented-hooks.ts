import type { Hooks } from '../options/hooks.js';
import { type Instrumentation, NO_INSTRUMENTATION } from './instrumentation.js';

/**
 * Hooks that also hand every outcome event to the instrumentation (before `onOutcome`, which may
 * throw or be slow). Without instrumentation, the hooks as given: nothing added to the path.
 */
export function instrumentHooks(hooks: Hooks, instrumentation: Instrumentation): Hooks {
  if (instrumentation === NO_INSTRUMENTATION) return hooks;
  return {
    error: hooks.error,
    outcome(event) {
      instrumentation.outcome(event);
      hooks.outcome(event);
    },
  };
}
