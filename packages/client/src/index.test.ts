import { expect, it } from 'vitest';
import * as client from './index.js';

it('exports the client, the Python SDK error names, the helpers and the segment parser', () => {
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
  expect(Object.keys(client).sort()).toEqual(
    [
      'Adstract',
      ...errorNames,
      'SDK_NAME',
      'VERSION',
      'WRAPPING_TYPES',
      'createAdSegmentParser',
      'splitAdSegments',
      'validateOptionalContext',
      'validateRequestContext',
    ].sort(),
  );
  const exports = client as unknown as Record<string, { name?: unknown }>;
  for (const name of errorNames) expect(exports[name]?.name).toBe(name);
  expect(client.WRAPPING_TYPES).toEqual(['xml', 'plain', 'markdown']);
});
