import {
  AdSDKError,
  type OptionalContext,
  type RequestContext,
  ValidationError,
  validateOptionalContext,
  validateRequestContext,
} from '@adstract/client';
import type { AdstractMiddlewareOptions } from '../options/middleware-options.js';
import type { AdstractCallOptions } from '../spec/language-model.js';
import { PROVIDER_OPTIONS_KEY } from './provider-options.js';
import { startTimer } from './timer.js';

/** The context of one call: ads off, a validated context, or why there is none. */
export type ResolvedCallContext =
  | { kind: 'disabled' }
  | { kind: 'ok'; context: RequestContext; optionalContext: OptionalContext | undefined }
  | { kind: 'failed'; error: AdSDKError; timedOut: boolean };

const REQUIRED_KEYS = ['sessionId', 'userAgent', 'userIp'] as const;
const PATH = `providerOptions.${PROVIDER_OPTIONS_KEY}`;

/**
 * The call's context within `budgetMs` (the start budget: the `context` function runs on the
 * answer's critical path too). Never throws: a `context` function that throws or does not settle
 * in time, and a context that fails validation, come back as `failed` with an `AdSDKError` naming
 * the field (a throw is wrapped, the original as `cause`).
 */
export async function resolveContextWithin(
  params: AdstractCallOptions,
  contextOption: AdstractMiddlewareOptions['context'],
  budgetMs: number,
): Promise<ResolvedCallContext> {
  let fromOption: unknown = contextOption;
  if (typeof contextOption === 'function') {
    const outcome = await settleWithin(() => contextOption(params), budgetMs);
    if (outcome.kind === 'timeout') {
      const message = `The context option did not settle within the ${budgetMs} ms start budget`;
      return { kind: 'failed', error: new AdSDKError({ message }), timedOut: true };
    }
    if (outcome.kind === 'threw') {
      const error = AdSDKError.isInstance(outcome.error)
        ? outcome.error
        : new ValidationError({
            message: 'The context option threw (see cause)',
            field: 'context',
            cause: outcome.error,
          });
      return { kind: 'failed', error, timedOut: false };
    }
    fromOption = outcome.value;
  }
  try {
    return mergeContext(fromOption, params.providerOptions?.[PROVIDER_OPTIONS_KEY]);
  } catch (error) {
    return { kind: 'failed', error: error as AdSDKError, timedOut: false };
  }
}

/**
 * Merges the middleware's `context` with `providerOptions.adstract` (the latter wins field by
 * field) and validates the result with the client's schema. A privacy signal from either source
 * (`privacy: 'minimal'`, set by `adstractContextFromRequest` under GPC or a refused consent)
 * applies to the merged context: only the required fields are sent, whatever the defaults hold.
 *
 * @throws {MissingParameterError | ValidationError} naming the field.
 */
function mergeContext(fromOption: unknown, fromCall: unknown): ResolvedCallContext {
  const merged: Record<string, unknown> = Object.create(null);
  let minimal = false;
  for (const [source, value] of [
    ['context', fromOption],
    [PATH, fromCall],
  ] as const) {
    if (value === undefined || value === null) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new ValidationError({ message: `${source} must be an object`, field: source });
    }
    for (const [key, field] of Object.entries(value)) {
      if (field !== undefined) merged[key] = field;
    }
    const { privacy } = value as { privacy?: unknown };
    if (privacy !== undefined && privacy !== 'minimal') {
      throw new ValidationError({
        message: `${source}.privacy must be 'minimal' when set`,
        field: `${source}.privacy`,
      });
    }
    if (privacy === 'minimal') minimal = true;
  }

  const { disabled, privacy: _privacy, ...rest } = merged;
  if (disabled !== undefined && typeof disabled !== 'boolean') {
    throw new ValidationError({
      message: `${PATH}.disabled must be a boolean`,
      field: `${PATH}.disabled`,
    });
  }
  if (disabled === true) return { kind: 'disabled' };

  const required: Record<string, unknown> = Object.create(null);
  const optional: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(rest)) {
    if ((REQUIRED_KEYS as readonly string[]).includes(key)) required[key] = value;
    else optional[key] = value;
  }
  const context = validateRequestContext(required, PATH);
  // Optional fields are still validated (a typo is an error), but under minimal never sent.
  const optionalContext = validateOptionalContext(
    Object.keys(optional).length === 0 ? undefined : optional,
    PATH,
  );
  return { kind: 'ok', context, optionalContext: minimal ? undefined : optionalContext };
}

type Settled<T> =
  | { kind: 'value'; value: T }
  | { kind: 'threw'; error: unknown }
  | { kind: 'timeout' };

/** Runs `run` and waits at most `ms` for it to settle. */
function settleWithin<T>(run: () => T | PromiseLike<T>, ms: number): Promise<Settled<Awaited<T>>> {
  return new Promise((resolve) => {
    const timer = startTimer(() => resolve({ kind: 'timeout' }), ms);
    Promise.resolve()
      .then(run)
      .then(
        (value) => resolve({ kind: 'value', value: value as Awaited<T> }),
        (error: unknown) => resolve({ kind: 'threw', error }),
      )
      .finally(() => clearTimeout(timer));
  });
}
