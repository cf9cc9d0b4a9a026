import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Adstract, type AdstractOptions } from './adstract.js';
import { AdSDKError, NoFillError } from './errors/index.js';
import {
  ACKNOWLEDGE_PATH,
  AD_RESPONSE_ID,
  API_KEY,
  BASE_URL,
  context,
  expectNothingSent,
  intercept,
  okBody,
  type Reply,
  reachableStrings,
  rejectionOf,
  START_PATH,
  USER_IP,
  unfilledBody,
  useNock,
} from './testing/adstract-server.js';

const nockState = useNock();
const prompt = 'How can I improve user retention?';
const llmResponse = 'Try onboarding emails.';

/**
 * Asserts that `secret` is nowhere in what a logger or error reporter could print of `value`:
 * reachable strings (message, responseBody, the cause chain), `inspect`, and JSON. Even its first
 * 8 characters are looked for, since a JSON `SyntaxError` quotes only a short window of the body.
 */
function expectNowhere(value: unknown, secret: string): void {
  const printed = [
    ...reachableStrings(value),
    inspect(value, { depth: null, showHidden: true }),
    JSON.stringify(value) ?? '',
  ].join('\n');
  expect(printed).not.toContain(secret.slice(0, 8));
}

type Scenario = [string, Reply, Partial<AdstractOptions>];

/** Failures of either endpoint; `echo` is put into each body the server sends back. */
const failures = (echo: string): Scenario[] => [
  ['401', [401, { detail: 'Invalid API key' }], {}],
  ['400 that echoes it', [400, { detail: `Malformed: ${echo}` }], {}],
  ['500 that echoes it', [500, `Internal Server Error for ${echo}`], {}],
  ['invalid JSON that starts with it', [200, `<${echo}> is not allowed`], {}],
  ['invalid JSON that quotes it', [200, `<html>${echo}</html>`], {}],
  ['a body of the wrong shape that echoes it', [200, { detail: echo }], {}],
  ['a network failure', { error: 'socket hang up' }, {}],
  ['a timeout', 'hang', { timeoutMs: 20 }],
];

describe('secrecy of the API key', () => {
  it.each(failures(API_KEY))(
    'on start, is nowhere in the error after %s',
    async (_case, reply, options) => {
      intercept(START_PATH, reply);
      const client = new Adstract({ apiKey: API_KEY, ...options });
      const error = await rejectionOf(client.requestAd({ prompt, context }));
      expect(AdSDKError.isInstance(error)).toBe(true);
      expectNowhere(error, API_KEY);
    },
  );

  it.each(failures(API_KEY))(
    'on acknowledge, is nowhere in the error after %s',
    async (_case, reply, options) => {
      intercept(ACKNOWLEDGE_PATH, reply);
      const client = new Adstract({ apiKey: API_KEY, ...options });
      const error = await rejectionOf(
        client.acknowledge({ adResponseId: AD_RESPONSE_ID, llmResponse }),
      );
      expect(AdSDKError.isInstance(error)).toBe(true);
      expectNowhere(error, API_KEY);
    },
  );

  it.each([
    ['start', START_PATH],
    ['acknowledge', ACKNOWLEDGE_PATH],
  ])('is redacted from a %s response body that echoes it', async (endpoint, path) => {
    intercept(path, [400, { detail: `Malformed key ${API_KEY}` }]);
    const client = new Adstract({ apiKey: API_KEY });
    const error = await rejectionOf(
      endpoint === 'start'
        ? client.requestAd({ prompt, context })
        : client.acknowledge({ adResponseId: AD_RESPONSE_ID, llmResponse }),
    );
    expect((error as AdSDKError).responseBody).toBe('{"detail":"Malformed key [redacted]"}');
  });

  it('is nowhere in validation errors, nor in the fallback result', async () => {
    const client = new Adstract({ apiKey: API_KEY });
    const server = intercept(START_PATH, [200, okBody()]);
    const result = await client.requestAd({
      prompt,
      context: { ...context, userIp: '' },
      raiseException: false,
    });
    expectNowhere(result, API_KEY);
    expectNothingSent(server, nockState);
  });

  it('is not an enumerable property of the client', () => {
    const client = new Adstract({ apiKey: API_KEY });
    expectNowhere(client, API_KEY);
    expect(Object.values(client)).not.toContain(API_KEY);
  });

  it('goes only to the configured base URL', async () => {
    const server = intercept(START_PATH, [200, okBody()]);
    await new Adstract({ apiKey: API_KEY, baseURL: BASE_URL }).requestAd({ prompt, context });
    expect(server.requests).toHaveLength(1);
    expect(nockState.unmatched).toEqual([]);
  });
});

describe("secrecy of the end user's IP", () => {
  const ipFailures: Scenario[] = [
    ...failures(USER_IP),
    ['403 that echoes it', [403, { detail: `blocked ${USER_IP}`, ip: USER_IP }], {}],
    ['429 that echoes it', [429, `rate limited: ${USER_IP}`], {}],
    ['409 that echoes it', [409, { detail: `duplicate from ${USER_IP}` }], {}],
  ];

  it.each(ipFailures)(
    'on start, is nowhere in the error after %s',
    async (_case, reply, options) => {
      intercept(START_PATH, reply);
      const client = new Adstract({ apiKey: API_KEY, ...options });
      const error = await rejectionOf(client.requestAd({ prompt, context }));
      expect(AdSDKError.isInstance(error)).toBe(true);
      expectNowhere(error, USER_IP);
    },
  );

  it.each(ipFailures)(
    'on start in fallback mode, is nowhere in the error after %s',
    async (_case, reply, options) => {
      intercept(START_PATH, reply);
      const client = new Adstract({ apiKey: API_KEY, ...options });
      const result = await client.requestAd({ prompt, context, raiseException: false });
      expect(AdSDKError.isInstance(result.error)).toBe(true);
      expectNowhere(result.error, USER_IP);
    },
  );

  it('is redacted from the snippet of a no-fill answer that echoes it', async () => {
    intercept(START_PATH, [202, { ...unfilledBody('no_fill'), echo: USER_IP }]);
    const result = await new Adstract({ apiKey: API_KEY }).requestAd({
      prompt,
      context,
      raiseException: false,
    });
    expect(NoFillError.isInstance(result.error)).toBe(true);
    expect(result.error?.responseBody).toContain('"echo":"[redacted]"');
    expectNowhere(result.error, USER_IP);
  });

  it('is sent without the surrounding spaces it was given, and redacted when echoed with them', async () => {
    const spaced = ` ${USER_IP} `;
    const server = intercept(START_PATH, [400, `bad ip "${spaced}"`]);
    const error = await rejectionOf(
      new Adstract({ apiKey: API_KEY }).requestAd({
        prompt,
        context: { ...context, userIp: spaced },
      }),
    );
    expect(server.requests[0]?.body.request_context).toMatchObject({ user_ip: USER_IP });
    expect((error as AdSDKError).responseBody).toBe('bad ip " [redacted] "');
  });

  it('is left in a successful answer, whose content must reach the LLM unchanged', async () => {
    const enhanced = `Answer the user at ${USER_IP}. <ADS>…</ADS>`;
    intercept(START_PATH, [200, okBody({ enhanced_prompt: enhanced })]);
    const result = await new Adstract({ apiKey: API_KEY }).requestAd({ prompt, context });
    expect(result.prompt).toBe(enhanced);
  });
});
