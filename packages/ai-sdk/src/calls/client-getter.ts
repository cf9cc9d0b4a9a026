import { Adstract, ValidationError } from '@adstract/client';
import type { AdstractMiddlewareOptions } from '../options/middleware-options.js';
import { SDK_NAME, VERSION } from '../version.js';

/** Settings that build a client: meaningless beside a `client` the app already configured. */
const CLIENT_SETTINGS = ['apiKey', 'baseURL', 'retries', 'fetch'] as const;

/**
 * The middleware's Adstract client: the app's own `client`, or one built from the options on
 * first use (so a missing `ADSTRACT_API_KEY` fails only when an ad is requested). Explicit
 * settings are checked now, so bad input fails before anything is sent. `wrappingType`,
 * `timeoutMs` and `acknowledgeTimeoutMs` are passed per call, so they apply to a given client too.
 *
 * @throws {ValidationError} for `client` beside a setting that builds one (naming both), or for a
 * bad `apiKey` / `baseURL`.
 */
export function createClientGetter(
  options: AdstractMiddlewareOptions,
  timeoutMs: number,
): () => Adstract {
  if (options.client !== undefined) {
    const { client } = options;
    const conflict = CLIENT_SETTINGS.find((setting) => options[setting] !== undefined);
    if (conflict !== undefined) {
      throw new ValidationError({
        message: `client and ${conflict} cannot be combined: set ${conflict} on the client you pass, or pass ${conflict} without client`,
        field: conflict,
      });
    }
    return () => client;
  }
  let client: Adstract | undefined;
  const getClient = (): Adstract => {
    client ??= new Adstract({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      timeoutMs,
      retries: options.retries,
      wrappingType: options.wrappingType,
      fetch: options.fetch,
      sdk: { name: SDK_NAME, version: VERSION },
    });
    return client;
  };
  if (options.apiKey !== undefined || options.baseURL !== undefined) getClient();
  return getClient;
}
