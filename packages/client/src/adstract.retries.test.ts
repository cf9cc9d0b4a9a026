import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Adstract,
  type AdstractOptions,
  type EnhancementResult,
  type RequestAdParams,
} from './adstract.js';
import type * as Backoff from './backoff.js';
import { sleep } from './backoff.js';
import {
  AuthenticationError,
  DuplicateAdRequestError,
  NetworkError,
  NoFillError,
  PromptRejectedError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
} from './errors/index.js';
import {
  API_KEY,
  context,
  intercept,
  okBody,
  type Reply,
  rejectionOf,
  START_PATH,
  unfilledBody,
  useNock,
} from './testing/adstract-server.js';
import { scriptedFetch } from './testing/scripted-fetch.js';

// `sleep` stays real (it calls through) but is observed, so tests can read the delays asked for;
// tests that must not wait replace it for one call.
vi.mock('./backoff.js', async (importOriginal) => {
  const actual = await importOriginal<typeof Backoff>();
  return { ...actual, sleep: vi.fn(actual.sleep) };
});

useNock();
const prompt = 'How can I improve user retention?';
const fast: AdstractOptions = { apiKey: API_KEY, backoffFactorMs: 1, maxBackoffMs: 4 };
const sleeps = () => vi.mocked(sleep).mock.calls.map(([ms]) => ms);

type ErrorClass = { isInstance(error: unknown): boolean; name: string };

afterEach(() => {
  vi.mocked(sleep).mockReset();
  vi.restoreAllMocks();
});

describe('start retries', () => {
  it('makes one attempt by default (retries 0), like the Python SDK', async () => {
    const server = intercept(START_PATH, [503, ''], [200, okBody()]);
    const error = await rejectionOf(new Adstract(fast).requestAd({ prompt, context }));
    expect(ServerError.isInstance(error)).toBe(true);
    expect(server.requests).toHaveLength(1);
    expect(sleeps()).toEqual([]);
  });

  it.each([
    ['a 429', [429, { detail: 'slow down' }]],
    ['a 500', [500, 'Internal Server Error']],
    ['a 502', [502, 'Bad Gateway']],
    ['a 503', [503, '']],
    ['a 504', [504, '']],
    ['a network failure', { error: 'ECONNRESET' }],
  ] as Array<[string, Reply]>)(
    'retries after %s and returns the later success',
    async (_case, reply) => {
      const server = intercept(START_PATH, reply, [200, okBody()]);
      const result = await new Adstract({ ...fast, retries: 1 }).requestAd({ prompt, context });
      expect(result.success).toBe(true);
      expect(result.prompt).toBe(okBody().enhanced_prompt);
      expect(server.requests).toHaveLength(2);
      expect(server.requests[1]?.body).toEqual(server.requests[0]?.body);
      expect(sleeps()).toHaveLength(1);
    },
  );

  it('retries up to `retries` times, then throws the last failure', async () => {
    const server = intercept(START_PATH, [500, 'a'], [502, 'b'], [503, 'c'], [200, okBody()]);
    const error = await rejectionOf(
      new Adstract({ ...fast, retries: 2 }).requestAd({ prompt, context }),
    );
    expect(ServerError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 503, responseBody: 'c' });
    expect(server.requests).toHaveLength(3);
    expect(server.scope.isDone()).toBe(false);
  });

  it('ends with RateLimitError when every attempt is rate limited', async () => {
    const server = intercept(START_PATH, [429, ''], [429, '']);
    const error = await rejectionOf(
      new Adstract({ ...fast, retries: 1 }).requestAd({ prompt, context }),
    );
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it('ends with NetworkError (network) when every attempt fails to connect', async () => {
    const server = intercept(START_PATH, { error: 'ECONNREFUSED' }, { error: 'ECONNREFUSED' });
    const error = await rejectionOf(
      new Adstract({ ...fast, retries: 1 }).requestAd({ prompt, context }),
    );
    expect(error).toMatchObject({ name: 'NetworkError', reason: 'network' });
    expect(server.requests).toHaveLength(2);
  });

  it('recovers across mixed failures', async () => {
    const server = intercept(
      START_PATH,
      { error: 'ECONNRESET' },
      [429, ''],
      [503, ''],
      [200, okBody()],
    );
    const result = await new Adstract({ ...fast, retries: 3 }).requestAd({ prompt, context });
    expect(result.success).toBe(true);
    expect(server.requests).toHaveLength(4);
  });

  it('returns the last failure in fallback mode after the retries', async () => {
    intercept(START_PATH, [503, ''], [503, '']);
    const result = await new Adstract({ ...fast, retries: 1 }).requestAd({
      prompt,
      context,
      raiseException: false,
    });
    expect(result).toMatchObject({ prompt, success: false });
    expect(ServerError.isInstance(result.error)).toBe(true);
  });

  it.each([
    ['400', [400, ''], AuthenticationError],
    ['401', [401, ''], AuthenticationError],
    ['403', [403, ''], AuthenticationError],
    ['409', [409, ''], DuplicateAdRequestError],
    ['404', [404, ''], UnexpectedResponseError],
    ['a 200 with invalid JSON', [200, 'nope'], UnexpectedResponseError],
    ['201 (rejected)', [201, unfilledBody('rejected')], PromptRejectedError],
    ['202 (no fill)', [202, unfilledBody('no_fill')], NoFillError],
  ] as Array<[string, Reply, ErrorClass]>)('never retries %s', async (_case, reply, ErrorType) => {
    const server = intercept(START_PATH, reply, [200, okBody()]);
    const error = await rejectionOf(
      new Adstract({ ...fast, retries: 5 }).requestAd({ prompt, context }),
    );
    expect(ErrorType.isInstance(error)).toBe(true);
    expect(server.requests).toHaveLength(1);
    expect(sleeps()).toEqual([]);
  });

  it('does not retry a timeout (the attempt may still be running on the server)', async () => {
    const server = intercept(START_PATH, 'hang', [200, okBody()]);
    const error = await rejectionOf(
      new Adstract({ ...fast, retries: 3, timeoutMs: 20 }).requestAd({ prompt, context }),
    );
    expect(error).toMatchObject({ name: 'NetworkError', reason: 'timeout' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('start backoff', () => {
  it('waits a jittered min(backoffFactorMs × 2^attempt, maxBackoffMs) between attempts', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    intercept(START_PATH, [500, ''], [500, ''], [500, ''], [500, ''], [200, okBody()]);
    const client = new Adstract({
      apiKey: API_KEY,
      retries: 4,
      backoffFactorMs: 2,
      maxBackoffMs: 10,
    });
    await client.requestAd({ prompt, context });
    // ceilings 2, 4, 8, 10 (capped); half of each
    expect(sleeps()).toEqual([1, 2, 4, 5]);
  });

  it('uses the Python SDK defaults: 500 ms factor, 8 s cap', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    vi.mocked(sleep).mockResolvedValue(undefined);
    intercept(START_PATH, ...Array.from({ length: 5 }, (): Reply => [503, '']), [200, okBody()]);
    await new Adstract({ apiKey: API_KEY, retries: 5 }).requestAd({ prompt, context });
    expect(sleeps()).toEqual([499, 999, 1998, 3996, 7992]);
  });

  it('stops waiting when the caller aborts during the backoff, with NetworkError (aborted)', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const server = intercept(START_PATH, [503, ''], [200, okBody()]);
    const controller = new AbortController();
    const client = new Adstract({
      apiKey: API_KEY,
      retries: 1,
      backoffFactorMs: 60_000,
      maxBackoffMs: 60_000,
    });
    const pending = client.requestAd({ prompt, context, signal: controller.signal });
    await vi.waitFor(() => expect(sleeps()).toEqual([30_000]));
    controller.abort(new Error('user left'));
    const error = await rejectionOf(pending);
    expect(NetworkError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'aborted' });
    expect((error as Error).cause).toMatchObject({ message: 'user left' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('start Retry-After', () => {
  it('waits the seconds Retry-After asks for instead of the backoff', async () => {
    vi.mocked(sleep).mockResolvedValueOnce(undefined);
    const server = intercept(START_PATH, [429, '', { 'Retry-After': '3' }], [200, okBody()]);
    const result = await new Adstract({ ...fast, maxBackoffMs: 8_000, retries: 1 }).requestAd({
      prompt,
      context,
    });
    expect(result.success).toBe(true);
    expect(sleeps()).toEqual([3_000]);
    expect(server.requests).toHaveLength(2);
  });

  it('reads an HTTP date', async () => {
    vi.mocked(sleep).mockResolvedValueOnce(undefined);
    const inFiveSeconds = new Date(Date.now() + 5_000).toUTCString();
    intercept(START_PATH, [503, '', { 'Retry-After': inFiveSeconds }], [200, okBody()]);
    await new Adstract({ ...fast, maxBackoffMs: 8_000, retries: 1 }).requestAd({ prompt, context });
    const [delay] = sleeps();
    expect(delay).toBeGreaterThan(3_000);
    expect(delay).toBeLessThanOrEqual(5_000);
  });

  it('retries at once for Retry-After: 0 or a date in the past', async () => {
    intercept(
      START_PATH,
      [429, '', { 'Retry-After': '0' }],
      [429, '', { 'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT' }],
      [200, okBody()],
    );
    await new Adstract({ ...fast, retries: 2 }).requestAd({ prompt, context });
    expect(sleeps()).toEqual([0, 0]);
  });

  it('falls back to the backoff for an unreadable Retry-After', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    intercept(START_PATH, [429, '', { 'Retry-After': 'later' }], [200, okBody()]);
    await new Adstract({
      apiKey: API_KEY,
      retries: 1,
      backoffFactorMs: 4,
      maxBackoffMs: 10,
    }).requestAd({
      prompt,
      context,
    });
    expect(sleeps()).toEqual([2]);
  });

  it('gives up at once when Retry-After exceeds maxBackoffMs, reporting it', async () => {
    const server = intercept(START_PATH, [429, '', { 'Retry-After': '60' }], [200, okBody()]);
    const error = await rejectionOf(
      new Adstract({ ...fast, maxBackoffMs: 8_000, retries: 3 }).requestAd({ prompt, context }),
    );
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 429, retryAfterMs: 60_000 });
    expect(server.requests).toHaveLength(1);
    expect(sleeps()).toEqual([]);
  });

  it('reports Retry-After on the final RateLimitError', async () => {
    intercept(START_PATH, [429, '', { 'Retry-After': '2' }]);
    const error = await rejectionOf(new Adstract(fast).requestAd({ prompt, context }));
    expect(error).toMatchObject({ name: 'RateLimitError', retryAfterMs: 2_000 });
  });
});

/**
 * Starts `requestAd` through a scripted fetch under fake timers, and lets the first attempt settle
 * without moving the clock. `settled()` is undefined while the call is pending.
 */
async function startScripted(
  options: Partial<AdstractOptions>,
  params: Partial<RequestAdParams>,
  ...replies: Reply[]
) {
  const { fetch, requests } = scriptedFetch(...replies);
  let outcome: { result?: EnhancementResult; error?: unknown } | undefined;
  void new Adstract({ apiKey: API_KEY, fetch, ...options })
    .requestAd({ prompt, context, ...params })
    .then(
      (result) => {
        outcome = { result };
      },
      (error: unknown) => {
        outcome = { error };
      },
    );
  await vi.advanceTimersByTimeAsync(0);
  return { requests, settled: () => outcome };
}

describe('start waits on the clock (fake timers, injected fetch)', () => {
  const NOW = new Date('2030-01-01T00:00:00.000Z');

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: NOW });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('retries a 429 with Retry-After: 3 after exactly 3 s', async () => {
    const { requests, settled } = await startScripted(
      { retries: 1 },
      {},
      [429, '', { 'Retry-After': '3' }],
      [200, okBody()],
    );
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    expect(settled()?.result?.success).toBe(true);
  });

  it('retries after the HTTP date Retry-After names, not before', async () => {
    const inFiveSeconds = new Date(NOW.getTime() + 5_000).toUTCString();
    const { requests, settled } = await startScripted(
      { retries: 1 },
      {},
      [503, '', { 'Retry-After': inFiveSeconds }],
      [200, okBody()],
    );
    await vi.advanceTimersByTimeAsync(4_999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    expect(settled()?.result?.success).toBe(true);
  });

  it('backs off exponentially with jitter: random × min(factor × 2^attempt, max)', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.75);
    const { requests, settled } = await startScripted(
      { retries: 3, backoffFactorMs: 400, maxBackoffMs: 1_000 },
      {},
      [500, ''],
      [502, ''],
      { error: 'ECONNRESET' },
      [200, okBody()],
    );
    // ceilings 400, 800 and 1 000 (capped) → waits of 300, 600 and 750 ms
    for (const [wait, attemptsBefore] of [
      [300, 1],
      [600, 2],
      [750, 3],
    ] as const) {
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(requests).toHaveLength(attemptsBefore);
      await vi.advanceTimersByTimeAsync(1);
      expect(requests).toHaveLength(attemptsBefore + 1);
    }
    expect(settled()?.result?.success).toBe(true);
  });
});

describe('start totalTimeoutMs (fake timers, injected fetch)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('cuts a single attempt at totalTimeoutMs when that is shorter than timeoutMs', async () => {
    const { settled } = await startScripted({ timeoutMs: 5_000 }, { totalTimeoutMs: 300 }, 'hang');
    await vi.advanceTimersByTimeAsync(299);
    expect(settled()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(settled()?.error).toMatchObject({
      name: 'NetworkError',
      reason: 'timeout',
      message: 'Adstract did not answer within 300 ms',
    });
  });

  it('keeps timeoutMs per attempt when it is the shorter', async () => {
    const { settled } = await startScripted({ timeoutMs: 200 }, { totalTimeoutMs: 10_000 }, 'hang');
    await vi.advanceTimersByTimeAsync(199);
    expect(settled()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(settled()?.error).toMatchObject({ reason: 'timeout' });
  });

  it('gives a later attempt only the time left: min(timeoutMs, deadline − now)', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const { requests, settled } = await startScripted(
      { timeoutMs: 5_000, retries: 1, backoffFactorMs: 800 },
      { totalTimeoutMs: 1_000 },
      [503, ''],
      'hang',
    );
    await vi.advanceTimersByTimeAsync(400); // the backoff: 0.5 × 800
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(599);
    expect(settled()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(settled()?.error).toMatchObject({
      reason: 'timeout',
      message: 'Adstract did not answer within 600 ms',
    });
  });

  it.each([
    ['a backoff', [503, 'down'], ServerError, { backoffFactorMs: 4_000 }],
    ['a Retry-After', [429, '', { 'Retry-After': '3' }], RateLimitError, {}],
  ] as Array<[string, Reply, ErrorClass, Partial<AdstractOptions>]>)(
    'does not wait %s that would end past the deadline: the last failure comes at once',
    async (_case, reply, ErrorType, options) => {
      vi.spyOn(Math, 'random').mockReturnValue(0.75); // a 3 000 ms backoff
      const { requests, settled } = await startScripted(
        { retries: 2, maxBackoffMs: 8_000, ...options },
        { totalTimeoutMs: 2_000 },
        reply,
        [200, okBody()],
      );
      // Settled without the clock moving at all.
      expect(ErrorType.isInstance(settled()?.error)).toBe(true);
      expect(requests).toHaveLength(1);
      expect(vi.getTimerCount()).toBe(0);
    },
  );

  it('returns that failure in fallback mode', async () => {
    const { settled } = await startScripted(
      { retries: 1 },
      { totalTimeoutMs: 2_000, raiseException: false },
      [429, '', { 'Retry-After': '3' }],
      [200, okBody()],
    );
    const result = settled()?.result;
    expect(result).toMatchObject({ prompt, success: false });
    expect(RateLimitError.isInstance(result?.error)).toBe(true);
  });

  it('waits a Retry-After that ends before the deadline', async () => {
    const { requests, settled } = await startScripted(
      { retries: 1 },
      { totalTimeoutMs: 3_001 },
      [429, '', { 'Retry-After': '3' }],
      [200, okBody()],
    );
    await vi.advanceTimersByTimeAsync(2_999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    expect(settled()?.result?.success).toBe(true);
  });
});
