import type { AdSDKError } from '@adstract/client';
import { adstractMiddleware } from '../adstract-middleware.js';
import type { AdstractMiddlewareOptions } from '../options/middleware-options.js';
import type { AdstractOutcomeEvent } from '../options/outcome-event.js';
import { createFakeAdstract } from './fake-adstract.js';

/** A valid per-call context (`providerOptions.adstract`) for tests. */
export const TEST_CONTEXT = {
  sessionId: 'session-1',
  userAgent: 'Mozilla/5.0 test',
  userIp: '203.0.113.7',
};

/** A well-formed API key for tests. */
export const TEST_API_KEY = 'adpk_test_0123456789';

/**
 * The middleware over a fake Adstract, recording every error and outcome it reports. `extra`
 * overrides any option, hooks included.
 */
export function setupMiddleware(
  fake = createFakeAdstract(),
  extra: Partial<AdstractMiddlewareOptions> = {},
) {
  const errors: AdSDKError[] = [];
  const events: AdstractOutcomeEvent[] = [];
  const middleware = adstractMiddleware({
    apiKey: TEST_API_KEY,
    baseURL: 'http://adstract.test',
    fetch: fake.fetch,
    onError: (error) => errors.push(error),
    onOutcome: (event) => events.push(event),
    ...extra,
  });
  return { fake, middleware, errors, events };
}
