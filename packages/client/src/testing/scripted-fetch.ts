import type { RecordedRequest, Reply } from './adstract-server.js';

/** One request a {@link scriptedFetch} received. */
export interface ScriptedRequest extends RecordedRequest {
  /** The full URL. */
  url: string;
  /** The signal the request was sent with. */
  signal: AbortSignal | undefined;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * An injected `fetch` answering from `replies` in order, one per call, with the same `Reply`
 * language as `intercept`: for tests that need fake timers, or run where nock cannot (the edge
 * runtime). `'hang'` never answers and rejects with the signal's reason once it aborts; `{ error }`
 * fails like a connection error (`TypeError: fetch failed`). A call beyond the script is a failure
 * too, naming the request.
 */
export function scriptedFetch(...replies: Reply[]) {
  const requests: ScriptedRequest[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    requests.push({
      url,
      path: new URL(url).pathname,
      headers: new Headers(init?.headers),
      body: JSON.parse(String(init?.body)) as Record<string, unknown>,
      signal: init?.signal ?? undefined,
    });
    const reply = replies.shift();
    if (reply === undefined)
      throw new Error(`scriptedFetch: no reply left for request ${requests.length}`);
    if (reply === 'hang') return hang(init?.signal ?? undefined);
    if ('error' in reply) throw new TypeError('fetch failed', { cause: new Error(reply.error) });
    const [status, body, headers] = reply;
    return toResponse(status, body, headers);
  };
  return { fetch, requests };
}

function hang(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal?.aborted) reject(signal.reason);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

function toResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  if (NULL_BODY_STATUSES.has(status) || body === undefined)
    return new Response(null, { status, headers });
  if (typeof body === 'string') return new Response(body, { status, headers });
  return Response.json(body, { status, headers });
}
