export { type AdSegment, splitAdSegments } from './ad-segments.js';
export { type AdstractMiddleware, adstractMiddleware } from './adstract-middleware.js';
export type { CircuitState } from './circuit-breaker.js';
export type {
  AdstractCallContext,
  AdstractMetadata,
  AdstractMiddlewareOptions,
  AdstractOutcomeEvent,
  AdstractStatus,
  AnswerEnding,
  CircuitBreakerOptions,
  CircuitCause,
  SkipReason,
  StartFailureReason,
} from './options.js';
export {
  adstractContextFromRequest,
  type ContextFromRequestOptions,
  clientIp,
  type HeaderGetter,
  type HeaderRecord,
  type HeaderSource,
  type IpSource,
  type PrivacyPolicy,
} from './request-context.js';
export { SDK_NAME, VERSION } from './version.js';
