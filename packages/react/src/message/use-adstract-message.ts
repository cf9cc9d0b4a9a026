import { useMemo } from 'react';
import type { AdstractMessageInfo } from './adstract-message-metadata.js';
import { readAdstractMetadata } from './read-adstract-metadata.js';

/**
 * The ad's outcome for an AI SDK UI message (or any object with a `metadata` field), read from
 * `message.metadata.adstract` (the `AdstractMessageMetadata` shape). The result keeps its identity
 * while status and product name are unchanged.
 *
 * @example
 * const { status, productName } = useAdstractMessage(message);
 * return <SponsoredText text={text} productName={productName} streaming={streaming} />;
 */
export function useAdstractMessage(
  message: { readonly metadata?: unknown } | null | undefined,
): AdstractMessageInfo {
  const { status, productName } = readAdstractMetadata(message);
  return useMemo(() => ({ status, productName }), [status, productName]);
}
