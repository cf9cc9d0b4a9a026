import { AdSDKError, type Adstract, ServerError } from '@adstract/client';
import type { Hooks } from '../options/hooks.js';
import type { AnswerEnding } from '../options/outcome-event.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { FilledOutcome } from './start-outcome.js';

/**
 * Sends acknowledgements in the background: never awaited on the answer's path, never rejecting.
 * Each filled message gets a settlement promise handed to `waitUntil` as soon as it is filled.
 */
export function createAcknowledger(input: {
  getClient: () => Adstract;
  hooks: Hooks;
  breaker: CircuitBreaker | undefined;
  waitUntil: ((promise: Promise<unknown>) => void) | undefined;
  /** Time limit of each acknowledge request (not the start call's short budget). */
  timeoutMs: number;
}) {
  const inFlight = new Set<Promise<void>>();
  const settlers = new Map<string, () => void>();

  return {
    /** Called when a message is filled: lets the platform keep the function alive until its acknowledge. */
    register(adResponseId: string): void {
      if (input.waitUntil === undefined) return;
      const settled = new Promise<void>((resolve) => settlers.set(adResponseId, resolve));
      try {
        input.waitUntil(settled);
      } catch (error) {
        input.hooks.error(
          new AdSDKError({
            message: 'waitUntil threw; is it called outside a request?',
            cause: error,
          }),
        );
      }
    },

    /** Sends the one acknowledge of a filled message. */
    acknowledge(outcome: FilledOutcome, text: string, ending: AnswerEnding): void {
      const { adResponseId } = outcome;
      const startedAt = performance.now();
      const task = Promise.resolve()
        .then(() =>
          input
            .getClient()
            .acknowledge({ adResponseId, llmResponse: text, timeoutMs: input.timeoutMs }),
        )
        .then(
          (result) => {
            if (result === undefined) return;
            input.hooks.outcome({
              type: 'acknowledged',
              adResponseId,
              status: result.status,
              durationMs: performance.now() - startedAt,
              textLength: text.length,
              ending,
            });
          },
          (thrown: unknown) => {
            const error = AdSDKError.isInstance(thrown)
              ? thrown
              : new AdSDKError({ message: 'Adstract acknowledge failed', cause: thrown });
            if (ServerError.isInstance(error)) input.breaker?.recordAcknowledgeServerError();
            input.hooks.error(error);
            input.hooks.outcome({
              type: 'acknowledge-failed',
              adResponseId,
              durationMs: performance.now() - startedAt,
              error,
            });
          },
        )
        .finally(() => {
          inFlight.delete(task);
          settlers.get(adResponseId)?.();
          settlers.delete(adResponseId);
        });
      inFlight.add(task);
    },

    /** Resolves once every acknowledge sent so far (and any sent meanwhile) has settled. */
    async drain(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled(Array.from(inFlight));
    },

    get inFlight(): number {
      return inFlight.size;
    },
  };
}
