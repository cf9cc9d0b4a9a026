import {
  type OptionalContext,
  type RequestContext,
  ValidationError,
  validateOptionalContext,
  validateRequestContext,
} from '@adstract/client';
import type { AdstractMiddlewareOptions } from '../options/middleware-options.js';
import type { AdstractCallOptions } from '../spec/language-model.js';
import { PROVIDER_OPTIONS_KEY } from './provider-options.js';

/** The validated context of one call. */
export type ResolvedCallContext =
  | { disabled: true }
  | { disabled: false; context: RequestContext; optionalContext: OptionalContext | undefined };

const REQUIRED_KEYS = ['sessionId', 'userAgent', 'userIp'] as const;
const PATH = `providerOptions.${PROVIDER_OPTIONS_KEY}`;

/**
 * Merges the middleware's `context` option with `providerOptions.adstract` (the latter wins field
 * by field) and validates the result with the client's schema. Throws `MissingParameterError` or
 * `ValidationError` naming the field; returns `{ disabled: true }` when ads are turned off.
 */
export async function resolveCallContext(
  params: AdstractCallOptions,
  contextOption: AdstractMiddlewareOptions['context'],
): Promise<ResolvedCallContext> {
  const fromOption =
    typeof contextOption === 'function' ? await contextOption(params) : contextOption;
  const fromCall = params.providerOptions?.[PROVIDER_OPTIONS_KEY];
  const merged: Record<string, unknown> = Object.create(null);
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
  }

  const { disabled, ...rest } = merged;
  if (disabled !== undefined && typeof disabled !== 'boolean') {
    throw new ValidationError({
      message: `${PATH}.disabled must be a boolean`,
      field: `${PATH}.disabled`,
    });
  }
  if (disabled === true) return { disabled: true };

  const required: Record<string, unknown> = Object.create(null);
  const optional: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(rest)) {
    if ((REQUIRED_KEYS as readonly string[]).includes(key)) required[key] = value;
    else optional[key] = value;
  }
  const context = validateRequestContext(required, PATH);
  const optionalContext = validateOptionalContext(
    Object.keys(optional).length === 0 ? undefined : optional,
    PATH,
  );
  return { disabled: false, context, optionalContext };
}
