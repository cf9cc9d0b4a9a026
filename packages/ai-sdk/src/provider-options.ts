import type { SharedV4ProviderOptions } from '@ai-sdk/provider';

/** The providerOptions namespace this middleware reads its per-call context from. */
export const PROVIDER_OPTIONS_KEY = 'adstract';

/**
 * Returns providerOptions without the `adstract` namespace, so no provider (the AI Gateway posts
 * the whole call options) ever sees the end user's IP, session or ad ids. Other providers'
 * options are kept as they are; the caller's object is never mutated.
 */
export function withoutAdstractOptions(
  providerOptions: SharedV4ProviderOptions | undefined,
): SharedV4ProviderOptions | undefined {
  if (providerOptions === undefined || !Object.hasOwn(providerOptions, PROVIDER_OPTIONS_KEY)) {
    return providerOptions;
  }
  const { [PROVIDER_OPTIONS_KEY]: _removed, ...rest } = providerOptions;
  return Object.keys(rest).length === 0 ? undefined : rest;
}
