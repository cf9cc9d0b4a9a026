/**
 * Test double of the Adstract HTTP API behind an injected `fetch`, so the real client runs
 * unchanged. Not part of the published build (only src/index.ts is an entry).
 */
export interface FakeStartReply {
  status: number;
  body?: unknown;
  /** Raw text body (for invalid JSON). */
  text?: string;
  delayMs?: number;
  /** Hold the answer until this promise settles (a deferred the test releases), or the abort. */
  holdUntil?: Promise<unknown>;
  /** Reject the fetch like a network failure. */
  networkError?: boolean;
}

/** A promise with its resolve function, for fakes that answer when the test says so. */
export interface Deferred<T = void> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

/** Creates a {@link Deferred}. */
export function createDeferred<T = void>(): Deferred<T> {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

export interface RecordedCall {
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** What the fake answered. */
  reply?: FakeStartReply;
}

let counter = 0;

/** A 200 start body with an enhanced prompt built from the original prompt. */
export function filledReply(prompt: string, productName = 'Acme Analytics'): FakeStartReply {
  counter++;
  return {
    status: 200,
    body: {
      ad_request_id: `req_${counter}`,
      ad_response_id: `resp_${counter}`,
      status: 'ok',
      success: true,
      execution_time_ms: 12,
      enhanced_prompt: `${prompt}\n\n[AD: mention ${productName}]`,
      product_name: productName,
    },
  };
}

/** A 201 (rejected) or 202 (no fill) start body. */
export function emptyReply(status: 201 | 202): FakeStartReply {
  counter++;
  return {
    status,
    body: {
      ad_request_id: `req_${counter}`,
      ad_response_id: `resp_${counter}`,
      status: status === 201 ? 'rejected' : 'no_fill',
      success: false,
      execution_time_ms: 5,
      enhanced_prompt: null,
      product_name: null,
    },
  };
}

/**
 * Creates a fake Adstract. `onStart` decides each start reply from the request body; acknowledges
 * answer 200 ok unless `onAcknowledge` says otherwise.
 */
export function createFakeAdstract(
  options: {
    onStart?: (body: Record<string, unknown>) => FakeStartReply;
    onAcknowledge?: (body: Record<string, unknown>) => FakeStartReply;
  } = {},
) {
  const starts: RecordedCall[] = [];
  const acknowledgements: RecordedCall[] = [];
  const onStart = options.onStart ?? ((body) => filledReply(String(body.prompt)));
  const onAcknowledge =
    options.onAcknowledge ??
    ((): FakeStartReply => ({
      status: 200,
      body: { ad_ack_id: `ack_${++counter}`, status: 'ok', success: true },
    }));

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const body = (await request.json()) as Record<string, unknown>;
    const path = new URL(request.url).pathname;
    const headers = Object.fromEntries(request.headers.entries());
    const isStart = path.includes('/start');
    const reply = isStart ? onStart(body) : onAcknowledge(body);
    (isStart ? starts : acknowledgements).push({ path, headers, body, reply });
    if (reply.holdUntil !== undefined) {
      const { holdUntil } = reply;
      await new Promise<void>((resolve, reject) => {
        void holdUntil.then(() => resolve());
        if (request.signal.aborted) reject(request.signal.reason);
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
      });
    }
    if (reply.delayMs !== undefined) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, reply.delayMs);
        request.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(request.signal.reason);
        });
      });
    }
    if (reply.networkError) throw new TypeError('fetch failed');
    const text = reply.text ?? JSON.stringify(reply.body ?? {});
    return new Response(text, {
      status: reply.status,
      headers: { 'content-type': 'application/json' },
    });
  };

  return { fetch: fetch as typeof globalThis.fetch, starts, acknowledgements };
}
