import { AdSDKError } from '@adstract/client';
import type { Hooks } from '../options/hooks.js';
import { detectFreezingRuntime, type FreezingRuntime } from './freezing-runtime.js';

/**
 * On a runtime that freezes after the response, with no `waitUntil` given, the hooks report that
 * once through `onError`, at the first ad filled: the first moment its acknowledge is at stake
 * (module scope, where the middleware is usually made, has no request on Workers). The event is
 * passed on unchanged and the ad still served. Elsewhere, or with `waitUntil`, the hooks as given.
 */
export function reportMissingWaitUntil(
  hooks: Hooks,
  waitUntil: unknown,
  runtime: FreezingRuntime | undefined = detectFreezingRuntime(),
): Hooks {
  if (waitUntil !== undefined || runtime === undefined) return hooks;
  let reported = false;
  return {
    error: hooks.error,
    outcome(event) {
      if (event.type === 'filled' && !reported) {
        reported = true;
        hooks.error(
          new AdSDKError({
            message: `adstractMiddleware has no waitUntil on ${runtime.name}, which can stop a request's work once its response is done: each ad's acknowledge, sent after the answer, may be lost. ${runtime.fix}`,
          }),
        );
      }
      hooks.outcome(event);
    },
  };
}
