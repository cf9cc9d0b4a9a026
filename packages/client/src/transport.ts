import { createFetch, FetchError } from 'ofetch';
import { NetworkError } from './errors/network-error.js';
import type { HeaderValue } from './header-value.js';

/** A raw answer: status, headers and body text (JSON is parsed by the caller, to map bad JSON). */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** What one POST needs. */
export interface PostOptions {
  url: string;
  /** Only checked values: a CR or LF cannot reach a header. */
  headers: Record<string, HeaderValue>;
  body: unknown;
  timeoutMs: number;
  signal: AbortSignal | undefined;
}

/**
 * Creates the POST function over ofetch (with the injected `fetch`, if any). Never throws for an
 * HTTP status; transport failures become `NetworkError` with reason `network`, `timeout` or `aborted`.
 * Messages never carry headers (the API key) or the body (the end user's IP).
 */
export function createTransport(fetchImplementation: typeof globalThis.fetch | undefined) {
  // Read the global fetch at call time, so instrumentation (and nock in tests) installed later applies.
  const $fetch = createFetch({
    fetch: fetchImplementation ?? ((input, init) => globalThis.fetch(input, init)),
  });

  return async function post(options: PostOptions): Promise<RawResponse> {
    const callerSignal = options.signal;
    if (callerSignal?.aborted) throw aborted(callerSignal.reason);
    // One controller per request, and a timer and a listener that are both dropped as soon as the
    // request settles: `AbortSignal.timeout` would keep its timer and signal alive for the whole
    // time limit, long after a fast answer.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(
        new DOMException(`The operation timed out after ${options.timeoutMs} ms`, 'TimeoutError'),
      );
    }, options.timeoutMs);
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const response = await $fetch.raw<string, 'text'>(options.url, {
        method: 'POST',
        headers: options.headers,
        body: JSON.stringify(options.body),
        responseType: 'text',
        ignoreResponseError: true,
        retry: 0,
        signal: controller.signal,
      });
      return { status: response.status, headers: response.headers, text: response._data ?? '' };
    } catch (thrown) {
      const error = unwrap(thrown);
      if (callerSignal?.aborted) throw aborted(error);
      if (timedOut) {
        throw new NetworkError({
          message: `Adstract did not answer within ${options.timeoutMs} ms`,
          reason: 'timeout',
          cause: error,
        });
      }
      throw new NetworkError({
        message: 'Could not reach Adstract',
        reason: 'network',
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  };
}

/**
 * The transport's own error instead of ofetch's `FetchError` around it: a `FetchError` exposes the
 * request options (the API key header, and the body with the end user's IP) through getters.
 */
function unwrap(error: unknown): unknown {
  return error instanceof FetchError && error.cause !== undefined ? error.cause : error;
}

function aborted(cause: unknown): NetworkError {
  return new NetworkError({
    message: 'The request to Adstract was aborted by the caller',
    reason: 'aborted',
    cause,
  });
}
