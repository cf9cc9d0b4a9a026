/**
 * Size limits on what `requestAd` sends, in UTF-16 code units (`string.length`). A value beyond
 * its limit is a `ValidationError` and nothing is sent. The reasons are in the README
 * ("Input limits").
 */
export const INPUT_LIMITS = {
  /** The end user's message (not a conversation): about 8 000 tokens. */
  prompt: 32_768,
  /** A session or conversation id: a UUID is 36. */
  sessionId: 256,
  /** The end user's `User-Agent`: browsers send 100 to 300. */
  userAgent: 1_024,
  /** `optionalContext.region`. */
  region: 100,
  /** `optionalContext.city`. */
  city: 100,
  /** The API key, sent as a header: keys are about 40. */
  apiKey: 1_024,
  /** `sdk.name` and `sdk.version`, sent as headers. */
  sdkIdentity: 128,
} as const;
