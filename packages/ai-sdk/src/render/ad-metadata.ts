/** What happened to the ad of one call. */
export type AdstractStatus = 'filled' | 'no-fill' | 'rejected' | 'failed' | 'skipped';

/**
 * The value of `providerMetadata.adstract`: on every generate result, and on the `text-start` and
 * `finish` parts of streams whose acknowledge is owed (other streams are returned untouched).
 * Read it with {@link getAdstractMetadata}. It never holds the ad id: the AI SDK records
 * `providerMetadata` on its spans and sends parts' metadata to the browser; the id comes to your
 * code through `onOutcome`.
 */
export interface AdstractMetadata {
  [key: string]: string | undefined;
  status: AdstractStatus;
  productName?: string;
}
