/** How the LLM is told to wrap ad content in its answer. */
export type WrappingType = 'xml' | 'plain' | 'markdown';

/** The wrapping types Adstract accepts, in documentation order. */
export const WRAPPING_TYPES: readonly WrappingType[] = ['xml', 'plain', 'markdown'];

/** Gender values accepted in {@link OptionalContext.gender}. */
export type Gender = 'male' | 'female' | 'other';

/** Required per-request context about the end user. All fields must be non-empty strings. */
export interface RequestContext {
  /** Session or conversation identifier. */
  sessionId: string;
  /** The end user's `User-Agent`. */
  userAgent: string;
  /** The end user's IP address. Never logged, never put into an error message. */
  userIp: string;
}

/** Optional targeting context. Unknown keys are rejected. */
export interface OptionalContext {
  /** ISO 3166-1 alpha-2 country code: exactly two uppercase letters. */
  country?: string;
  region?: string;
  city?: string;
  /** Autonomous system number (a non-negative integer). */
  asn?: number;
  /** Integer from 0 to 120 inclusive. */
  age?: number;
  gender?: Gender;
}

/** Status of an ad request as reported by Adstract. */
export type AdStatus = 'ok' | 'rejected' | 'no_fill';

/** The body of a `start` answer (200, 201 or 202), in camelCase. */
export interface AdResponse {
  adRequestId: string;
  adResponseId: string;
  status: AdStatus;
  success: boolean;
  executionTimeMs: number;
  enhancedPrompt: string | null;
  productName: string | null;
  /** The HTTP status the body came with: 200 (ok), 201 (rejected) or 202 (no fill). */
  httpStatus: 200 | 201 | 202;
}

/** Status of an acknowledgement as reported by Adstract. */
export type AcknowledgmentStatus = 'ok' | 'no_ad_used' | 'recoverable_error';

/** The body of an `acknowledge` answer (200 or 201), in camelCase. */
export interface AcknowledgmentResult {
  adAckId: string;
  status: AcknowledgmentStatus;
  success: boolean;
  /** 200 (processed) or 201 (logged with a recoverable error; the publisher is still credited). */
  httpStatus: 200 | 201;
}

/** The SDK identity sent in `X-Adstract-SDK*` headers and the `diagnostics` body object. */
export interface SdkIdentity {
  name: string;
  version: string;
}
