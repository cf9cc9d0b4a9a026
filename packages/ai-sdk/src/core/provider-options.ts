import type { ProviderOptions } from '../spec/language-model.js';

/** The providerOptions namespace this middleware reads its per-call context from. */
export const PROVIDER_OPTIONS_KEY = 'adstract';

/**
 * Returns providerOptions without the `adstract` namespace, so no provider (the AI Gateway posts
 * the whole call options) ever sees the end user's IP, session or ad ids. Other providers'
 * options are kept as they are; the caller's object is never mutated.
 */
export function withoutAdstractOptions<Options extends ProviderOptions>(
  providerOptions: Options | undefined,
): Options | undefined {
  if (providerOptions === undefined || !Object.hasOwn(providerOptions, PROVIDER_OPTIONS_KEY)) {
    return providerOptions;
  }
  const { [PROVIDER_OPTIONS_KEY]: _removed, ...rest } = providerOptions;
  return Object.keys(rest).length === 0 ? undefined : (rest as Options);
}
