/** How the LLM is told to wrap ad content in its answer. */
export type WrappingType = 'xml' | 'plain' | 'markdown';

/** The wrapping types Adstract accepts, in documentation order. */
export const WRAPPING_TYPES: readonly WrappingType[] = ['xml', 'plain', 'markdown'];

/** Gender values accepted in {@link OptionalContext.gender}. */
export type Gender = 'male' | 'female' | 'other';

/** Required per-request context about the end user. All fields must be non-empty strings. */
export interface RequestContext {
  /** Session or conversation identifier: at most 256 UTF-16 code units, no control characters. Never put into an error. */
  sessionId: string;
  /** The end user's `User-Agent`: at most 1 024 UTF-16 code units, no control characters. */
  userAgent: string;
  /**
   * The end user's public IP address (IPv4 or IPv6, any spelling; sent in its canonical one).
   * Private, loopback and other non-public addresses are refused; documentation ranges are
   * accepted. Never logged, never put into an error, in any spelling.
   */
  userIp: string;
}

/** Optional targeting context. Unknown keys are rejected. */
export interface OptionalContext {
  /** ISO 3166-1 alpha-2 country code: exactly two uppercase letters. */
  country?: string;
  /** Region or state, e.g. `California`: at most 100 UTF-16 code units. */
  region?: string;
  /** City, e.g. `San Francisco`: at most 100 UTF-16 code units. */
  city?: string;
  /** Autonomous system number (a non-negative integer). */
  asn?: number;
  /** Integer from 0 to 120 inclusive. */
  age?: number;
  /** `male`, `female` or `other`. */
  gender?: Gender;
}

/** Status of an ad request as reported by Adstract. */
export type AdStatus = 'ok' | 'rejected' | 'no_fill';

/** The body of a `start` answer (200, 201 or 202), in camelCase. */
export interface AdResponse {
  /** Identifier of the ad request. */
  adRequestId: string;
  /** Identifier of the ad response: what `acknowledge` reports on. */
  adResponseId: string;
  /** `ok` (200), `rejected` (201) or `no_fill` (202). */
  status: AdStatus;
  /** True only for a 200 with status `ok`. */
  success: boolean;
  /** Server-side processing time, in milliseconds. */
  executionTimeMs: number;
  /** The prompt to send to the LLM; `null` when no ad was injected. */
  enhancedPrompt: string | null;
  /** The advertised product; `null` when no ad was injected. */
  productName: string | null;
  /** The HTTP status the body came with: 200 (ok), 201 (rejected) or 202 (no fill). */
  httpStatus: 200 | 201 | 202;
}

/** Status of an acknowledgement as reported by Adstract. */
export type AcknowledgmentStatus = 'ok' | 'no_ad_used' | 'recoverable_error';

/** The body of an `acknowledge` answer (200 or 201), in camelCase. */
export interface AcknowledgmentResult {
  /** Identifier of the acknowledgement. */
  adAckId: string;
  /** `ok`, `no_ad_used` or `recoverable_error`. */
  status: AcknowledgmentStatus;
  /** True for `ok` and `no_ad_used`, false for `recoverable_error` (still credited). */
  success: boolean;
  /** 200 (processed) or 201 (logged with a recoverable error; the publisher is still credited). */
  httpStatus: 200 | 201;
}

/** The SDK identity sent in `X-Adstract-SDK*` headers and the `diagnostics` body object. */
export interface SdkIdentity {
  /** Sent as `X-Adstract-SDK` and `diagnostics.name`. */
  name: string;
  /** Sent as `X-Adstract-SDK-Version` and `diagnostics.version`. */
  version: string;
}
