/** What happened to the ad of one call. */
export type AdstractStatus = 'filled' | 'no-fill' | 'rejected' | 'failed' | 'skipped';

/**
 * The value of `providerMetadata.adstract`: on every generate result, and on the `text-start` and
 * `finish` parts of streams whose acknowledge is owed (other streams are returned untouched).
 * Read it with {@link getAdstractMetadata}.
 */
export interface AdstractMetadata {
  [key: string]: string | undefined;
  status: AdstractStatus;
  adResponseId?: string;
  productName?: string;
}
