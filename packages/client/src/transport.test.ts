import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NetworkError } from './errors/network-error.js';
import { headerValue } from './header-value.js';
import { reachableStrings, rejectionOf } from './testing/adstract-server.js';
import { scriptedFetch } from './testing/scripted-fetch.js';
import { createTransport, type PostOptions } from './transport.js';

const options: PostOptions = {
  url: 'https://api.adstract.ai/api/ad-injection/start/',
  headers: {
    'Content-Type': headerValue('application/json', 'Content-Type', 'Content-Type'),
    'X-Adstract-API-Key': headerValue('adpk_secret_0123456789', 'apiKey', 'X-Adstract-API-Key'),
  },
  body: { prompt: 'hello', request_context: { user_ip: '203.0.113.24' } },
  timeoutMs: 1_000,
  signal: undefined,
};

/** A fetch that never answers, and rejects with the signal's reason once the signal aborts. */
const hangingFetch = () => scriptedFetch('hang').fetch;

afterEach(() => {
  vi.useRealTimers();
});

describe('createTransport', () => {
  it('POSTs the JSON body with the given headers through the injected fetch', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(
      async () => new Response('{"ok":true}', { status: 200, headers: { 'X-Test': 'yes' } }),
    );
    const response = await createTransport(fetch)(options);

    expect(response.status).toBe(200);
    expect(response.text).toBe('{"ok":true}');
    expect(response.headers.get('x-test')).toBe('yes');
    expect(fetch).toHaveBeenCalledTimes(1);
    const [input, init] = fetch.mock.calls[0] ?? [];
    expect(String(input)).toBe(options.url);
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual(options.body);
    const headers = new Headers(init?.headers);
    expect(headers.get('x-adstract-api-key')).toBe('adpk_secret_0123456789');
    expect(headers.get('content-type')).toBe('application/json');
  });

  it('returns HTTP error statuses instead of throwing, and never retries them', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response('down', { status: 503 }));
    const response = await createTransport(fetch)(options);
    expect(response).toMatchObject({ status: 503, text: 'down' });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('reads the body as text even when it claims to be JSON', async () => {
    const fetch = async () =>
      new Response('{not json', { status: 200, headers: { 'Content-Type': 'application/json' } });
    expect((await createTransport(fetch)(options)).text).toBe('{not json');
  });

  it('gives an empty text for an empty body', async () => {
    const fetch = async () => new Response(null, { status: 204 });
    expect(await createTransport(fetch)(options)).toMatchObject({ status: 204, text: '' });
  });

  it('turns a transport failure into NetworkError (network) keeping the original error', async () => {
    const failure = new TypeError('fetch failed');
    const fetch = vi.fn<typeof globalThis.fetch>(async () => {
      throw failure;
    });
    const error = await rejectionOf(createTransport(fetch)(options));
    expect(NetworkError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'network', message: 'Could not reach Adstract' });
    expect((error as Error).cause).toBe(failure);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('gives up after timeoutMs with NetworkError (timeout)', async () => {
    const error = await rejectionOf(createTransport(hangingFetch())({ ...options, timeoutMs: 20 }));
    expect(NetworkError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      reason: 'timeout',
      message: 'Adstract did not answer within 20 ms',
    });
    expect((error as Error).cause).toMatchObject({ name: 'TimeoutError' });
  });

  it('stops when the caller aborts, with NetworkError (aborted)', async () => {
    const controller = new AbortController();
    const pending = createTransport(hangingFetch())({ ...options, signal: controller.signal });
    const reason = new Error('user navigated away');
    controller.abort(reason);
    const error = await rejectionOf(pending);
    expect(NetworkError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'aborted' });
    expect((error as Error).cause).toBe(reason);
  });

  it('does not call fetch when the signal is already aborted', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const error = await rejectionOf(
      createTransport(fetch)({ ...options, signal: AbortSignal.abort() }),
    );
    expect(error).toMatchObject({ name: 'NetworkError', reason: 'aborted' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('uses the global fetch at call time when none is injected', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response('{}', { status: 200 }));
    const post = createTransport(undefined);
    vi.stubGlobal('fetch', fetch);
    try {
      expect((await post(options)).status).toBe(200);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('keeps the API key and the request body out of the error and its causes', async () => {
    const fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const error = await rejectionOf(createTransport(fetch)(options));
    const strings = reachableStrings(error).join('\n');
    expect(strings).not.toContain('adpk_secret_0123456789');
    expect(strings).not.toContain('203.0.113.24');
  });

  it('times out with reason timeout when the caller passes a signal that never aborts', async () => {
    const controller = new AbortController();
    const error = await rejectionOf(
      createTransport(hangingFetch())({ ...options, timeoutMs: 20, signal: controller.signal }),
    );
    expect(error).toMatchObject({ name: 'NetworkError', reason: 'timeout' });
    expect(controller.signal.aborted).toBe(false);
  });
});

describe('createTransport: nothing outlives the request', () => {
  it('stops the time limit once the answer is in: the request signal never fires later', async () => {
    const { fetch, requests } = scriptedFetch([200, '{}']);
    await createTransport(fetch)({ ...options, timeoutMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(requests[0]?.signal?.aborted).toBe(false);
  });

  it.each([
    ['an answer', [200, '{}']],
    ['a transport failure', { error: 'ECONNRESET' }],
  ] as const)('leaves no timer behind after %s', async (_case, reply) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const post = createTransport(scriptedFetch(reply).fetch);
    await post({ ...options, timeoutMs: 60_000 }).catch(() => undefined);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves no listener on the caller signal, whatever the outcome', async () => {
    const controller = new AbortController();
    const { fetch } = scriptedFetch([200, '{}'], [503, 'down'], { error: 'ECONNRESET' }, 'hang');
    const post = createTransport(fetch);
    const signal = controller.signal;
    await post({ ...options, signal });
    await post({ ...options, signal });
    await rejectionOf(post({ ...options, signal }));
    await rejectionOf(post({ ...options, signal, timeoutMs: 20 }));
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    expect(signal.aborted).toBe(false);
  });
});
