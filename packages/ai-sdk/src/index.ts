export {
  type AdSegment,
  createAdSegmentParser,
  splitAdSegments,
} from '@adstract/client';
export {
  type AdstractMiddleware,
  adstractMiddleware,
  type FlushScope,
} from './adstract-middleware.js';
export type { CircuitState } from './calls/circuit-breaker.js';
export * from './errors.js';
export type {
  AdstractCallContext,
  AdstractMiddlewareOptions,
  CircuitBreakerOptions,
} from './options/middleware-options.js';
export type {
  AdstractOutcomeEvent,
  AnswerEnding,
  CircuitCause,
  SkipReason,
  StartFailureReason,
} from './options/outcome-event.js';
export type { AdstractPacingOptions, PacingRule } from './pacing/pacing-options.js';
export type { AdstractMetadata, AdstractStatus } from './render/ad-metadata.js';
export {
  type AdstractMessageMetadata,
  adstractMessageMetadata,
  getAdstractMetadata,
} from './render/message-metadata.js';
export {
  adstractContextFromRequest,
  type ContextFromRequestOptions,
  clientIp,
  type HeaderGetter,
  type HeaderRecord,
  type HeaderSource,
  type IpSource,
  type PrivacyPolicy,
} from './request/context-from-request.js';
export type {
  AdstractCallOptions,
  GenerateResultLike,
  PromptMessage,
  ProviderMetadata,
  ProviderOptions,
  StreamResultLike,
  WrappedModel,
} from './spec/language-model.js';
export type {
  OpenTelemetryAttributes,
  OpenTelemetryAttributeValue,
  OpenTelemetryContext,
  OpenTelemetryCounter,
  OpenTelemetryHistogram,
  OpenTelemetryInstrumentOptions,
  OpenTelemetryMeter,
  OpenTelemetrySpan,
  OpenTelemetrySpanContext,
  OpenTelemetrySpanOptions,
  OpenTelemetryTracer,
} from './telemetry/open-telemetry-types.js';
export type { AdstractTelemetryOptions } from './telemetry/telemetry-options.js';
export { SDK_NAME, VERSION } from './version.js';
