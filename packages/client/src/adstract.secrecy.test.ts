import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Adstract, type AdstractOptions } from './adstract.js';
import { AdSDKError, NoFillError, ValidationError } from './errors/index.js';
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
import { spellingsOf } from './testing/ip-spellings.js';

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

describe('secrecy of the session id', () => {
  const sessionId = 'sess-7f3a9c2e-private';
  const sessionContext = { ...context, sessionId };

  it.each([
    ...failures(sessionId),
    ['409 that echoes it', [409, { detail: `duplicate in ${sessionId}` }], {}],
    ['202 that echoes it', [202, { ...unfilledBody('no_fill'), session: sessionId }], {}],
  ] satisfies Scenario[])(
    'on start, is nowhere in the error after %s, thrown or returned',
    async (_case, reply, options) => {
      intercept(START_PATH, reply, reply);
      const client = new Adstract({ apiKey: API_KEY, ...options });
      const error = await rejectionOf(client.requestAd({ prompt, context: sessionContext }));
      expect(AdSDKError.isInstance(error)).toBe(true);
      expectNowhere(error, sessionId);
      const result = await client.requestAd({
        prompt,
        context: sessionContext,
        raiseException: false,
      });
      expect(result.sessionId).toBe(sessionId);
      expectNowhere(result.error, sessionId);
    },
  );

  it('is redacted from the snippet, JSON-escaped forms included', async () => {
    const quoted = 'sess "é" 2024';
    intercept(START_PATH, [
      400,
      `{"a":"${quoted}","b":${JSON.stringify(quoted)},"c":"sess \\"\\u00e9\\" 2024"}`,
    ]);
    const error = await rejectionOf(
      new Adstract({ apiKey: API_KEY }).requestAd({
        prompt,
        context: { ...context, sessionId: quoted },
      }),
    );
    expect((error as AdSDKError).responseBody).toBe(
      '{"a":"[redacted]","b":"[redacted]","c":"[redacted]"}',
    );
  });
});

describe('secrecy of the ad id', () => {
  it.each([
    ...failures(AD_RESPONSE_ID),
    ['404 that echoes it', [404, `ad_response_id ${AD_RESPONSE_ID} not found`], {}],
    ['409 that echoes it', [409, { detail: `${AD_RESPONSE_ID} already acknowledged` }], {}],
  ] satisfies Scenario[])(
    'on acknowledge, is nowhere in the error after %s',
    async (_case, reply, options) => {
      intercept(ACKNOWLEDGE_PATH, reply);
      const client = new Adstract({ apiKey: API_KEY, ...options });
      const error = await rejectionOf(
        client.acknowledge({ adResponseId: AD_RESPONSE_ID, llmResponse }),
      );
      expect(AdSDKError.isInstance(error)).toBe(true);
      expectNowhere(error, AD_RESPONSE_ID);
    },
  );

  it.each([
    ['a 202 no-fill', [202, unfilledBody('no_fill')]],
    ['a 201 rejection', [201, unfilledBody('rejected')]],
    ['a 200 of the wrong shape', [200, okBody({ enhanced_prompt: 42 })]],
    ['a 409 duplicate', [409, { ...okBody(), detail: `duplicate of ${AD_RESPONSE_ID}` }]],
  ] satisfies [string, Reply][])(
    'on start, is redacted from the body of %s that carries it',
    async (_case, reply) => {
      intercept(START_PATH, reply);
      const client = new Adstract({ apiKey: API_KEY });
      const result = await client.requestAd({ prompt, context, raiseException: false });
      expect(AdSDKError.isInstance(result.error)).toBe(true);
      expect(result.error?.responseBody).toContain('"ad_response_id":"[redacted]"');
      expectNowhere(result.error, AD_RESPONSE_ID);
    },
  );

  it('is kept in a successful answer, which the acknowledge needs', async () => {
    intercept(START_PATH, [200, okBody()]);
    const result = await new Adstract({ apiKey: API_KEY }).requestAd({ prompt, context });
    expect(result.adResponse?.adResponseId).toBe(AD_RESPONSE_ID);
  });
});

describe("the end user's IP, in every spelling", () => {
  const given = [
    ['::ffff:203.0.113.24', '203.0.113.24'],
    ['2001:DB8::77', '2001:db8::77'],
  ] as const;

  /** Asserts that no spelling of the address (nor the first 8 characters of one) is printed. */
  function expectNoSpelling(value: unknown, spellings: readonly string[]): void {
    const printed = [
      ...reachableStrings(value),
      inspect(value, { depth: null, showHidden: true }),
      JSON.stringify(value) ?? '',
      String(value),
    ].join('\n');
    for (const spelling of spellings) expect(printed, spelling).not.toContain(spelling);
  }

  describe.each(given)('given as %s', (userIp, canonical) => {
    const spellings = spellingsOf(canonical);

    it('is sent in its canonical spelling', async () => {
      const server = intercept(START_PATH, [200, okBody()]);
      await new Adstract({ apiKey: API_KEY }).requestAd({
        prompt,
        context: { ...context, userIp },
      });
      expect(server.requests[0]?.body.request_context).toMatchObject({ user_ip: canonical });
    });

    it.each(spellings)('is redacted when the answer spells it %s', async (spelling) => {
      const replies: Reply[] = [
        [400, { detail: `Malformed: ${spelling}` }],
        [500, `Internal Server Error for ${spelling}`],
        [200, `<${spelling}> is not JSON`],
        [202, { ...unfilledBody('no_fill'), echo: spelling }],
      ];
      intercept(START_PATH, ...replies);
      const client = new Adstract({ apiKey: API_KEY });
      for (let index = 0; index < replies.length; index++) {
        const result = await client.requestAd({
          prompt,
          context: { ...context, userIp },
          raiseException: false,
        });
        expect(AdSDKError.isInstance(result.error)).toBe(true);
        expect(result.error?.responseBody).toContain('[redacted]');
        expectNoSpelling(result.error, [spelling, userIp, canonical]);
      }
    });
  });
});

describe('a key that cannot be a header', () => {
  it.each([
    ['NUL', '\u0000', /control character \(U\+0000/],
    ['CR', '\r', /line break/],
    ['LF', '\n', /line break.*trailing newline/],
    ['a space', ' ', /whitespace/],
  ])(
    'with %s anywhere is a ValidationError at construction, never printed',
    (_case, character, rule) => {
      const server = intercept(START_PATH, [200, okBody()]);
      for (const apiKey of [
        `${API_KEY}${character}`,
        `${character}${API_KEY}`,
        `${API_KEY.slice(0, 9)}${character}${API_KEY.slice(9)}`,
      ]) {
        let error: unknown;
        try {
          new Adstract({ apiKey });
        } catch (thrown) {
          error = thrown;
        }
        expect(ValidationError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ field: 'apiKey' });
        expect((error as Error).message).toMatch(rule);
        expectNowhere(error, API_KEY);
        expectNowhere(error, API_KEY.slice(-8));
      }
      expectNothingSent(server, nockState);
    },
  );
});

describe('a base URL with credentials', () => {
  it('is a ValidationError at construction whose password is printed nowhere', () => {
    let error: unknown;
    try {
      new Adstract({ apiKey: API_KEY, baseURL: 'https://user:pa55word-secret@api.adstract.ai' });
    } catch (thrown) {
      error = thrown;
    }
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field: 'baseURL' });
    expectNowhere(error, 'pa55word-secret');
  });
});

describe('what an injected fetch throws', () => {
  it.each([
    [
      'an Error quoting everything',
      (init: RequestInit) => new Error(`failed: ${String(init.body)} ${API_KEY}`),
    ],
    ['a string', (init: RequestInit) => `failed: ${String(init.body)} ${API_KEY}`],
    ['a plain object holding the request', (init: RequestInit) => ({ init, key: API_KEY })],
    [
      'an error with the headers in a property',
      (init: RequestInit) =>
        Object.assign(new TypeError('fetch failed'), { request: init, key: API_KEY }),
    ],
    ['undefined (ofetch then keeps its FetchError)', () => undefined],
  ] as const)('is redacted when it is %s', async (_case, failure) => {
    const sessionId = 'sess-7f3a9c2e-private';
    const fetch = async (_url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      throw failure(init ?? {});
    };
    const client = new Adstract({ apiKey: API_KEY, fetch });
    const error = await rejectionOf(
      client.requestAd({
        prompt,
        context: { ...context, sessionId, userIp: '::ffff:203.0.113.24' },
      }),
    );
    expect(error).toMatchObject({ name: 'NetworkError', reason: 'network' });
    for (const secret of [API_KEY, sessionId, USER_IP]) expectNowhere(error, secret);
  });

  it('is redacted of the ad id when an acknowledge fails that way', async () => {
    const fetch = async (_url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      throw new Error(`failed: ${String(init?.body)}`);
    };
    const client = new Adstract({ apiKey: API_KEY, fetch });
    intercept(START_PATH, [200, okBody()]);
    const enhancementResult = await new Adstract({ apiKey: API_KEY }).requestAd({
      prompt,
      context,
    });
    for (const params of [{ adResponseId: AD_RESPONSE_ID }, { enhancementResult }]) {
      const error = await rejectionOf(client.acknowledge({ ...params, llmResponse }));
      expect(error).toMatchObject({ name: 'NetworkError', reason: 'network' });
      for (const secret of [API_KEY, AD_RESPONSE_ID]) expectNowhere(error, secret);
    }
  });
});
