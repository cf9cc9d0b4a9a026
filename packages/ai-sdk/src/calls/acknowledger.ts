import { AdSDKError, type Adstract, NetworkError, ServerError } from '@adstract/client';
import type { Hooks } from '../options/hooks.js';
import type { AnswerEnding } from '../options/outcome-event.js';
import { type Instrumentation, NO_INSTRUMENTATION } from '../telemetry/instrumentation.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { FilledOutcome } from './start-outcome.js';

/** Settles what was handed to `waitUntil` for one start call. */
export interface StartHold {
  /** The start gave no ad: nothing will be acknowledged. */
  release(): void;
  /** The start gave this ad: the hold settles once its acknowledge has settled. */
  bind(adResponseId: string): void;
}

/**
 * Sends acknowledgements in the background: never awaited on the answer's path, never rejecting.
 * Each start hands one promise to `waitUntil` when it is sent, settled once the start gave no ad
 * or its ad's acknowledge settled, so a platform keeps the function alive for a late 200 too.
 */
export function createAcknowledger(input: {
  getClient: () => Adstract;
  hooks: Hooks;
  breaker: CircuitBreaker | undefined;
  waitUntil: ((promise: Promise<unknown>) => void) | undefined;
  /** Time limit of each acknowledge request (not the start call's short budget). */
  timeoutMs: number;
  instrumentation?: Instrumentation;
}) {
  const instrumentation = input.instrumentation ?? NO_INSTRUMENTATION;
  /** Acknowledges in flight, with when each was sent. */
  const inFlight = new Map<Promise<void>, number>();
  let lostReported = false;
  const holds = new Map<string, () => void>();

  return {
    /** Called when a start is sent: lets the platform keep the function alive until it is settled. */
    hold(): StartHold {
      if (input.waitUntil === undefined) return { release() {}, bind() {} };
      let settle: () => void = () => {};
      const settled = new Promise<void>((resolve) => {
        settle = resolve;
      });
      try {
        input.waitUntil(settled);
      } catch (error) {
        input.hooks.error(
          new AdSDKError({
            message:
              'waitUntil threw: is it called outside a request, or detached from its object? Pass a function, e.g. `(promise) => ctx.waitUntil(promise)`',
            cause: error,
          }),
        );
      }
      return {
        release: settle,
        bind(adResponseId) {
          holds.set(adResponseId, settle);
        },
      };
    },

    /** Sends the one acknowledge of an ad. */
    acknowledge(ad: FilledOutcome, text: string, ending: AnswerEnding): void {
      const { adResponseId } = ad;
      const startedAt = performance.now();
      const recording = instrumentation.acknowledgeSent(ad, ending, text.length);
      const task = Promise.resolve()
        .then(() =>
          recording.run(() =>
            input
              .getClient()
              .acknowledge({ adResponseId, llmResponse: text, timeoutMs: input.timeoutMs }),
          ),
        )
        .then(
          (result) => {
            recording.acknowledged(result?.status);
            if (result === undefined) return;
            input.breaker?.recordAcknowledgeSuccess(adResponseId);
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
            // A 5xx or no answer: the outcome is unknown, and Adstract says to stop sending traffic.
            const unknownOutcome =
              ServerError.isInstance(error) ||
              (NetworkError.isInstance(error) && error.reason !== 'aborted');
            recording.failed(error);
            if (unknownOutcome) input.breaker?.recordAcknowledgeFailure();
            else input.breaker?.recordAcknowledgeSuccess(adResponseId);
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
          holds.get(adResponseId)?.();
          holds.delete(adResponseId);
        });
      inFlight.set(task, performance.now());
    },

    /**
     * Resolves once every acknowledge sent so far (and any sent meanwhile) has settled, or has
     * outlived its time limit by a second: a runtime that froze the request that sent it (a
     * Worker without `waitUntil`) never settles it, and it is reported once instead.
     */
    async drain(): Promise<void> {
      while (inFlight.size > 0) {
        const oldest = Math.min(...inFlight.values());
        const deadline = oldest + input.timeoutMs + 1_000;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const expired = new Promise<'expired'>((resolve) => {
          timer = setTimeout(() => resolve('expired'), Math.max(0, deadline - performance.now()));
        });
        const outcome = await Promise.race([
          Promise.allSettled(Array.from(inFlight.keys())),
          expired,
        ]);
        clearTimeout(timer);
        if (outcome !== 'expired') continue;
        const now = performance.now();
        for (const [task, sentAt] of inFlight) {
          if (now >= sentAt + input.timeoutMs + 1_000) inFlight.delete(task);
        }
        if (!lostReported) {
          lostReported = true;
          input.hooks.error(
            new AdSDKError({
              message:
                'An acknowledge never settled: the runtime stopped the request that sent it. Pass `waitUntil` (see the README, "Serverless and edge runtimes")',
            }),
          );
        }
      }
    },

    get inFlight(): number {
      return inFlight.size;
    },
  };
}
