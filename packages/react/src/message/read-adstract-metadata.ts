import { cleanProductName } from '../label/sponsored-label.js';
import type { AdstractMessageInfo, AdstractStatus } from './adstract-message-metadata.js';

const STATUSES: ReadonlySet<string> = new Set<AdstractStatus>([
  'filled',
  'no-fill',
  'rejected',
  'failed',
  'skipped',
]);

/**
 * Reads `metadata.adstract` from any message-like object. Metadata arrives as JSON from the
 * server, so nothing is trusted: an unknown status or a non-string product name reads as absent.
 */
export function readAdstractMetadata(
  message: { readonly metadata?: unknown } | null | undefined,
): AdstractMessageInfo {
  const metadata = message?.metadata;
  const adstract =
    typeof metadata === 'object' && metadata !== null && 'adstract' in metadata
      ? metadata.adstract
      : undefined;
  if (typeof adstract !== 'object' || adstract === null) {
    return { status: undefined, productName: undefined };
  }
  const status = 'status' in adstract ? adstract.status : undefined;
  return {
    status:
      typeof status === 'string' && STATUSES.has(status) ? (status as AdstractStatus) : undefined,
    productName: cleanProductName('productName' in adstract ? adstract.productName : undefined),
  };
}
