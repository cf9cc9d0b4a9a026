import { expect, it } from 'vitest';
import type * as api from './index.js';
import * as aiSdk from './index.js';

it('exports the middleware, its helpers, the segment parser and the client’s error classes', () => {
  const errorNames = [
    'AdSDKError',
    'ValidationError',
    'MissingParameterError',
    'NetworkError',
    'RateLimitError',
    'AuthenticationError',
    'ServerError',
    'UnexpectedResponseError',
    'AdEnhancementError',
    'PromptRejectedError',
    'NoFillError',
    'DuplicateAdRequestError',
    'AdAcknowledgmentError',
    'AdResponseNotFoundError',
    'UnsuccessfulAdResponseError',
    'DuplicateAcknowledgmentError',
  ];
  expect(Object.keys(aiSdk).sort()).toEqual(
    [
      ...errorNames,
      'SDK_NAME',
      'VERSION',
      'adstractContextFromRequest',
      'adstractMessageMetadata',
      'adstractMiddleware',
      'clientIp',
      'createAdSegmentParser',
      'getAdstractMetadata',
      'splitAdSegments',
    ].sort(),
  );
  const exports = aiSdk as unknown as Record<string, { name?: unknown }>;
  for (const name of errorNames) expect(exports[name]?.name).toBe(name);
});

/**
 * The exported types, pinned at compile time (`tsc` checks test files): removing or renaming one
 * breaks this list.
 */
type ExportedTypes = [
  api.AdSegment,
  api.AdstractMiddleware,
  api.FlushScope,
  api.CircuitState,
  api.NetworkErrorReason,
  api.AdstractCallContext,
  api.AdstractMiddlewareOptions,
  api.CircuitBreakerOptions,
  api.AdstractOutcomeEvent,
  api.AnswerEnding,
  api.CircuitCause,
  api.SkipReason,
  api.StartFailureReason,
  api.AdstractPacingOptions,
  api.PacingRule,
  api.AdstractMetadata,
  api.AdstractStatus,
  api.AdstractMessageMetadata,
  api.ContextFromRequestOptions,
  api.HeaderGetter,
  api.HeaderRecord,
  api.HeaderSource,
  api.IpSource,
  api.PrivacyPolicy,
  api.AdstractCallOptions,
  api.GenerateResultLike,
  api.PromptMessage,
  api.ProviderMetadata,
  api.ProviderOptions,
  api.StreamResultLike,
  api.WrappedModel,
  api.AdstractTelemetryOptions,
  api.OpenTelemetryAttributes,
  api.OpenTelemetryAttributeValue,
  api.OpenTelemetryContext,
  api.OpenTelemetryCounter,
  api.OpenTelemetryHistogram,
  api.OpenTelemetryInstrumentOptions,
  api.OpenTelemetryMeter,
  api.OpenTelemetrySpan,
  api.OpenTelemetrySpanContext,
  api.OpenTelemetrySpanOptions,
  api.OpenTelemetryTracer,
];

it('names every exported type (a missing one fails the type check)', () => {
  const types: ExportedTypes | undefined = undefined;
  expect(types).toBeUndefined();
});
