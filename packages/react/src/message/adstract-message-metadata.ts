/**
 * What became of the ad for one answer: `filled` (the answer carries a sponsored mention),
 * `no-fill` (no inventory), `rejected` (the prompt is unsuitable for ads), `failed` (Adstract
 * could not be reached or answered an error; the answer went ahead without an ad) or `skipped`
 * (no ad was requested, e.g. a missing end-user IP or an open circuit breaker).
 */
export type AdstractStatus = 'filled' | 'no-fill' | 'rejected' | 'failed' | 'skipped';

/** The ad's outcome as the server attaches it to an assistant message. */
export interface AdstractMetadata {
  status: AdstractStatus;
  /** The advertised product, when the status is `filled`. */
  productName?: string;
}

/**
 * Message metadata carrying the ad's outcome under `adstract`: the shape that
 * `@adstract/ai-sdk`'s `adstractMessageMetadata` sends at the start of the text, so the label is
 * known before the first word. Use it as (part of) your AI SDK UI message's metadata type:
 * `UIMessage<AdstractMessageMetadata>`.
 */
export interface AdstractMessageMetadata {
  adstract?: AdstractMetadata;
}

/** What {@link useAdstractMessage} reads from a message. */
export interface AdstractMessageInfo {
  /** The ad's outcome; undefined while (or when) the message carries none. */
  status: AdstractStatus | undefined;
  /** The advertised product, trimmed; undefined when there is none. */
  productName: string | undefined;
}
