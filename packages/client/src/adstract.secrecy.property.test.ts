import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Adstract } from './adstract.js';
import { AdSDKError } from './errors/index.js';
import { formatIpAddress, parseIpAddress } from './internal/ip-address.js';
import { isEndUserIpAddress } from './internal/ip-address-range.js';
import { reachableStrings } from './testing/adstract-server.js';
import { spellingsOf } from './testing/ip-spellings.js';

/** What one call must keep to itself. */
interface Secrets {
  apiKey: string;
  sessionId: string;
  /** The spelling the app passed. */
  userIp: string;
  /** The spelling the failure uses. */
  echoedIp: string;
  /** The address as the client sends it. */
  canonicalIp: string;
}

/** How the injected fetch fails; `echo` is text quoting every secret. */
type FailureMode =
  | { kind: 'throw'; synchronous: boolean; make: (echo: string, init: RequestInit) => unknown }
  | { kind: 'answer'; status: number; body: (echo: string) => string }
  | { kind: 'timeout'; quoteSecrets: boolean }
  | { kind: 'abort'; reason: 'default' | 'error quoting the key' };

const thrownValues: Array<[string, (echo: string, init: RequestInit) => unknown]> = [
  ['an Error quoting them', (echo) => new Error(`connect failed: ${echo}`)],
  [
    'a TypeError with a nested cause',
    (echo, init) =>
      new TypeError('fetch failed', {
        cause: new Error(`header ${echo}`, {
          cause: { headers: init.headers, body: init.body, echo },
        }),
      }),
  ],
  [
    'an AggregateError',
    (echo) => new AggregateError([new Error(echo), echo, { echo }], `all failed ${echo}`),
  ],
  [
    'an Error with custom properties',
    (echo, init) =>
      Object.assign(new Error('fetch failed'), {
        code: echo,
        request: init,
        body: init.body,
        secrets: { echo },
      }),
  ],
  ['a string', (echo) => `failed: ${echo}`],
  ['a plain object', (echo, init) => ({ echo, init, nested: [{ echo }] })],
  ['a DOMException', (echo) => new DOMException(`network down ${echo}`, 'NetworkError')],
  ['undefined', () => undefined],
];

const failureModes: fc.Arbitrary<FailureMode> = fc.oneof(
  fc.record({
    kind: fc.constant('throw' as const),
    synchronous: fc.boolean(),
    make: fc.constantFrom(...thrownValues.map(([, make]) => make)),
  }),
  fc.record({
    kind: fc.constant('answer' as const),
    status: fc.constantFrom(200, 201, 202, 400, 401, 403, 404, 406, 409, 422, 429, 500, 502, 503),
    body: fc.constantFrom(
      (echo: string) => JSON.stringify({ detail: echo }),
      (echo: string) => `Internal Server Error: ${echo}`,
      (echo: string) => `${echo} is not JSON`,
      (echo: string) => `<html><body>${echo}</body></html>`,
      (echo: string) => JSON.stringify({ status: 'no_fill', echo: [echo, echo] }),
    ),
  }),
  fc.record({ kind: fc.constant('timeout' as const), quoteSecrets: fc.boolean() }),
  fc.record({
    kind: fc.constant('abort' as const),
    reason: fc.constantFrom('default' as const, 'error quoting the key' as const),
  }),
);

const address = fc
  .oneof(fc.ipV4(), fc.ipV6())
  .map((text) => parseIpAddress(text)!)
  .filter(isEndUserIpAddress)
  .map(formatIpAddress);

const secrets: fc.Arbitrary<Secrets> = fc
  .record({
    apiKey: fc.stringMatching(/^adpk_[A-Za-z0-9_-]{10,40}$/),
    // Distinct from every word of the client's own messages and stack frames.
    sessionId: fc.stringMatching(/^sess-[a-z0-9]{8,24}$/),
    canonicalIp: address,
    picks: fc.tuple(fc.nat(), fc.nat()),
  })
  .map(({ apiKey, sessionId, canonicalIp, picks }) => {
    const spellings = spellingsOf(canonicalIp);
    // The app passes a spelling the client accepts (not IPv4 with leading zeros, say).
    const accepted = spellings.filter((spelling) => parseIpAddress(spelling) !== undefined);
    return {
      apiKey,
      sessionId,
      canonicalIp,
      userIp: accepted[picks[0] % accepted.length]!,
      echoedIp: spellings[picks[1] % spellings.length]!,
    };
  });

/** A fetch that fails as `mode` says, quoting `echo`. */
function failingFetch(mode: FailureMode, echo: string): typeof globalThis.fetch {
  return (_input, init = {}) => {
    if (mode.kind === 'throw') {
      if (mode.synchronous) throw mode.make(echo, init);
      return Promise.reject(mode.make(echo, init));
    }
    if (mode.kind === 'answer') {
      return Promise.resolve(new Response(mode.body(echo), { status: mode.status }));
    }
    // A fetch that waits for the signal, then rejects with its reason or with text quoting secrets.
    return new Promise<Response>((_resolve, reject) => {
      const signal = init.signal;
      const fail = () =>
        reject(
          mode.kind === 'timeout' && mode.quoteSecrets
            ? new Error(`aborted while sending ${echo}`)
            : signal?.reason,
        );
      if (signal?.aborted) fail();
      signal?.addEventListener('abort', fail, { once: true });
    });
  };
}

/** Every way a logger or error reporter could print `error`. */
function surfaces(error: unknown): string[] {
  const chain: string[] = [];
  const walk = (value: unknown, depth: number): void => {
    if (depth > 20 || value === undefined || value === null) return;
    chain.push(String(value));
    if (typeof value !== 'object') return;
    const record = value as {
      message?: unknown;
      stack?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    chain.push(String(record.message), String(record.stack));
    walk(record.cause, depth + 1);
    if (Array.isArray(record.errors)) for (const item of record.errors) walk(item, depth + 1);
  };
  walk(error, 0);
  const typed = error as Error;
  return [
    typed.message,
    String(typed.stack),
    ...chain,
    JSON.stringify(error) ?? '',
    inspect(error, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
    String(error),
    ...reachableStrings(error),
  ];
}

function expectNowhere(error: unknown, forbidden: readonly string[]): void {
  const printed = surfaces(error).join('\n');
  for (const secret of forbidden) expect(printed, secret).not.toContain(secret);
}

describe('secrecy, whatever the fetch implementation does', () => {
  it('keeps the key, the session id and the IP out of every surface of every error', async () => {
    await fc.assert(
      fc.asyncProperty(
        secrets,
        failureModes,
        fc.constantFrom('start' as const, 'acknowledge' as const),
        fc.boolean(),
        async (secret, mode, endpoint, raise) => {
          const echo = [
            secret.apiKey,
            secret.sessionId,
            secret.echoedIp,
            JSON.stringify({
              key: secret.apiKey,
              session_id: secret.sessionId,
              ip: secret.echoedIp,
            }),
          ].join(' ');
          const client = new Adstract({
            apiKey: secret.apiKey,
            fetch: failingFetch(mode, echo),
            timeoutMs: mode.kind === 'timeout' ? 5 : 1_000,
          });
          const controller = new AbortController();
          if (mode.kind === 'abort') {
            setTimeout(() =>
              controller.abort(
                mode.reason === 'default' ? undefined : new Error(`user left ${secret.apiKey}`),
              ),
            );
          }
          let error: unknown;
          if (endpoint === 'start') {
            const call = client.requestAd({
              prompt: 'How can I improve user retention?',
              context: {
                sessionId: secret.sessionId,
                userAgent: 'Mozilla/5.0',
                userIp: secret.userIp,
              },
              raiseException: raise,
              signal: controller.signal,
            });
            error = raise
              ? await call.then(
                  () => undefined,
                  (thrown: unknown) => thrown,
                )
              : (await call).error;
          } else {
            const call = client.acknowledge({
              adResponseId: 'resp-1',
              llmResponse: 'Use onboarding emails.',
              signal: controller.signal,
            });
            error = await call.then(
              () => undefined,
              (thrown: unknown) => thrown,
            );
          }
          // A 200 with this body is invalid JSON or the wrong shape: every mode fails.
          expect(AdSDKError.isInstance(error), String(error)).toBe(true);
          // Acknowledge knows neither the session id nor the IP: it sends only the key and the answer.
          const forbidden =
            endpoint === 'start'
              ? [
                  secret.apiKey,
                  secret.sessionId,
                  secret.userIp,
                  secret.echoedIp,
                  secret.canonicalIp,
                ]
              : [secret.apiKey];
          expectNowhere(error, forbidden);
        },
      ),
      { numRuns: 400 },
    );
  });
});
