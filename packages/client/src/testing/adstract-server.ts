import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { ScreenedResponse } from '../response-body.js';

/** Fixtures and a nock-backed fake of the Adstract API, for this package's tests only. */

export const BASE_URL = 'https://api.adstract.ai';
export const START_PATH = '/api/ad-injection/start/';
export const ACKNOWLEDGE_PATH = '/api/ad-injection/acknowledge/';
export const API_KEY = 'adpk_test_s3cr3t_0123456789';
export const USER_IP = '203.0.113.24';
export const AD_RESPONSE_ID = '55c59ce2-a31f-4ce4-95b3-f930fd9cd564';

export const context = {
  sessionId: 'session_001',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
  userIp: USER_IP,
};

/** A 200 start body (status ok). */
export function okBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ad_request_id: 'request-1',
    ad_response_id: AD_RESPONSE_ID,
    status: 'ok',
    success: true,
    execution_time_ms: 1987.96,
    enhanced_prompt: 'ENHANCED: How can I improve user retention?',
    product_name: 'Adstract – LLM Advertising',
    ...overrides,
  };
}

/** A 201 (rejected) or 202 (no fill) start body. */
export function unfilledBody(status: 'rejected' | 'no_fill'): Record<string, unknown> {
  return okBody({ status, success: false, enhanced_prompt: null, product_name: null });
}

/** An acknowledge body. */
export function ackBody(
  status: 'ok' | 'no_ad_used' | 'recoverable_error' = 'ok',
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return { ad_ack_id: 'ack-1', status, success: status !== 'recoverable_error', ...overrides };
}

/**
 * An answer as the status interpreters receive it, for unit tests: an object body is sent as JSON,
 * a string as is; `safeText` (the redacted copy) is the body itself unless given.
 */
export function screenedResponse(
  status: number,
  body: unknown,
  safeText?: string,
): ScreenedResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { status, headers: new Headers(), text, safeText: safeText ?? text };
}

/** One recorded request, as the server saw it. */
export interface RecordedRequest {
  path: string;
  headers: Headers;
  body: Record<string, unknown>;
}

/**
 * How one request is answered: `[status, body?, headers?]` (an object body is sent as JSON, a
 * string as is), `{ error }` (the connection fails), or `'hang'` (no answer, ever).
 */
export type Reply =
  | readonly [status: number, body?: unknown, headers?: Record<string, string>]
  | { error: string }
  | 'hang';

/** Answers the next POSTs to `path` with `replies`, one request each, and records the requests. */
export function intercept(path: string, ...replies: Reply[]) {
  const requests: RecordedRequest[] = [];
  const scope = nock(BASE_URL);
  for (const reply of replies) {
    scope.post(path).reply(async (request: Request) => {
      requests.push({
        path: new URL(request.url).pathname,
        headers: request.headers,
        body: (await request.json()) as Record<string, unknown>,
      });
      if (reply === 'hang') return new Promise<never>(() => {});
      if ('error' in reply) throw new Error(reply.error);
      return reply;
    });
  }
  return { requests, scope };
}

/**
 * Registers nock for a test file: real network disabled, every interceptor cleared after each test,
 * and a list of requests nothing intercepted (so a test can prove nothing was sent at all).
 */
export function useNock(): { unmatched: string[] } {
  const unmatched: string[] = [];
  const onNoMatch = (request: Request) => unmatched.push(`${request.method} ${request.url}`);
  beforeAll(() => {
    nock.disableNetConnect();
    nock.emitter.on('no match', onNoMatch);
  });
  afterEach(() => {
    unmatched.length = 0;
    nock.abortPendingRequests();
    nock.cleanAll();
  });
  afterAll(() => {
    nock.emitter.off('no match', onNoMatch);
    nock.enableNetConnect();
  });
  return { unmatched };
}

/** Asserts that no request reached the fake server nor tried to leave the machine. */
export function expectNothingSent(
  intercepted: { requests: RecordedRequest[] },
  nockState: { unmatched: string[] },
): void {
  expect(intercepted.requests).toEqual([]);
  expect(nockState.unmatched).toEqual([]);
}

/** Awaits a promise that must reject, and returns the rejection. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/**
 * Every string reachable from `root` through own properties, enumerable or not (getters included),
 * and the entries of any `Headers`: what a logger or error reporter could ever print.
 */
export function reachableStrings(root: unknown): string[] {
  const seen = new Set<unknown>();
  const strings: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (typeof value === 'string') {
      strings.push(value);
      return;
    }
    if (typeof value !== 'object' || value === null || seen.has(value) || depth > 8) return;
    seen.add(value);
    if (value instanceof Headers) {
      for (const [name, headerValue] of value) strings.push(`${name}: ${headerValue}`);
      return;
    }
    for (const key of Reflect.ownKeys(value)) {
      let child: unknown;
      try {
        child = (value as Record<PropertyKey, unknown>)[key];
      } catch {
        continue;
      }
      visit(child, depth + 1);
    }
  };
  visit(root, 0);
  return strings;
}
