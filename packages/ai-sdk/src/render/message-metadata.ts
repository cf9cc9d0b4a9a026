import type { AdstractMetadata, AdstractStatus } from './ad-metadata.js';

const STATUSES: ReadonlySet<string> = new Set<AdstractStatus>([
  'filled',
  'no-fill',
  'rejected',
  'failed',
  'skipped',
]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `providerMetadata.adstract` of a result, a step or a stream part, typed and checked (it is
 * plain JSON to the AI SDK): undefined when absent or not the middleware's shape.
 *
 * @example
 * const { providerMetadata } = await generateText({ model, prompt });
 * getAdstractMetadata(providerMetadata)?.status; // 'filled' | 'no-fill' | …
 */
export function getAdstractMetadata(providerMetadata: unknown): AdstractMetadata | undefined {
  if (!isRecord(providerMetadata)) return undefined;
  const adstract = providerMetadata.adstract;
  if (!isRecord(adstract)) return undefined;
  const { status, productName } = adstract;
  if (typeof status !== 'string' || !STATUSES.has(status)) return undefined;
  const metadata: AdstractMetadata = { status: status as AdstractStatus };
  if (typeof productName === 'string') metadata.productName = productName;
  return metadata;
}

/**
 * UI message metadata carrying the ad's outcome, as `@adstract/react`'s `useAdstractMessage`
 * reads it: the status and the product's name.
 */
export interface AdstractMessageMetadata {
  adstract?: { status: AdstractStatus; productName?: string };
}

/**
 * A `messageMetadata` callback for `toUIMessageStreamResponse` / `toUIMessageStream`: it sends
 * the ad's status and product name with the answer's first text part (so a UI labels the ad
 * before its first word, with no layout shift when the answer ends) and again at each step's end.
 * Other parts get no metadata. Compose it with your own: `(options) => ({ ...yours,
 * ...adstractMessageMetadata(options) })`.
 *
 * @example
 * return result.toUIMessageStreamResponse({ messageMetadata: adstractMessageMetadata });
 */
export function adstractMessageMetadata(options: {
  part: { readonly type: string; readonly providerMetadata?: unknown };
}): AdstractMessageMetadata | undefined {
  const { part } = options;
  if (part.type !== 'text-start' && part.type !== 'finish-step') return undefined;
  const metadata = getAdstractMetadata(part.providerMetadata);
  if (metadata === undefined) return undefined;
  const adstract: NonNullable<AdstractMessageMetadata['adstract']> = { status: metadata.status };
  if (metadata.productName !== undefined) adstract.productName = metadata.productName;
  return { adstract };
}
