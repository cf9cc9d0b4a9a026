/** What happened to the ad of one call. */
export type AdstractStatus = 'filled' | 'no-fill' | 'rejected' | 'failed' | 'skipped';

/**
 * The value of `providerMetadata.adstract`: on every generate result, and on the stream's finish
 * part of streams that carry an ad (streams without an ad are returned untouched).
 */
export interface AdstractMetadata {
  [key: string]: string | undefined;
  status: AdstractStatus;
  adResponseId?: string;
  productName?: string;
}
