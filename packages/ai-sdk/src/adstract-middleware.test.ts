import { AdSDKError, Adstract } from '@adstract/client';
import {
  extractReasoningMiddleware,
  generateText,
  type ModelMessage,
  streamText,
  wrapLanguageModel,
} from 'ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adstractMiddleware } from './adstract-middleware.js';
import { adstractMessageMetadata, getAdstractMetadata } from './render/message-metadata.js';
import { AI_MAJOR, SPEC_VERSION } from './testing/ai-major.js';
import {
  createDeferred,
  createFakeAdstract,
  emptyReply,
  type FakeStartReply,
  filledReply,
} from './testing/fake-adstract.js';
import {
  MockLanguageModel,
  type MockModel,
  streamResult,
  textParts,
  textResult,
  userTextSeen,
} from './testing/mock-model.js';
import { setupMiddleware, TEST_API_KEY, TEST_CONTEXT } from './testing/test-middleware.js';

const context = TEST_CONTEXT;
const API_KEY = TEST_API_KEY;
const setup = setupMiddleware;

afterEach(() => {
  vi.useRealTimers();
});

describe('the AI SDK major under test', () => {
  it('leaves a model of an unknown spec alone: no start, the caller’s params as they are', async () => {
    const { fake, middleware } = setup();
    const params = {
      prompt: [
        { role: 'user', content: [{ type: 'text', text: 'How can I improve user retention?' }] },
      ],
      providerOptions: { adstract: context },
    };
    const model = { specificationVersion: 'v9', provider: 'future', modelId: 'm' };
    expect(await middleware.transformParams({ type: 'generate', params, model })).toBe(params);
    expect(fake.starts).toHaveLength(0);
  });

  it('is the one this project run resolves, in its own spec version', () => {
    // Guards the per-major aliases: ai@7 would turn a V2 or V3 mock into a V4 model.
    const wrapped = wrapLanguageModel({ model: new MockLanguageModel(), middleware: [] });
    expect(wrapped.specificationVersion).toBe(SPEC_VERSION);
    expect(SPEC_VERSION).toBe(({ 5: 'v2', 6: 'v3', 7: 'v4' } as const)[AI_MAJOR]);
  });
});

describe('generateText', () => {
  it('sends the enhanced prompt to the model and acknowledges the answer once', async () => {
    const { fake, middleware, errors } = setup();
    const model = new MockLanguageModel({
      doGenerate: textResult('Answer with Acme Analytics.'),
    });
    const result = await generateText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
      providerOptions: { adstract: context, other: { keep: true } },
    });
    await middleware.flush();

    expect(result.text).toBe('Answer with Acme Analytics.');
    expect(fake.starts).toHaveLength(1);
    expect(fake.starts[0]?.body.prompt).toBe('How can I improve user retention?');
    expect(userTextSeen(model.doGenerateCalls[0])).toBe(
      'How can I improve user retention?\n\n[AD: mention Acme Analytics]',
    );
    expect(model.doGenerateCalls[0]?.providerOptions).toEqual({ other: { keep: true } });
    expect(fake.acknowledgements.map((call) => call.body.llm_response)).toEqual([
      'Answer with Acme Analytics.',
    ]);
    const reply = fake.starts[0]?.reply?.body as { ad_response_id?: string } | undefined;
    const issued = reply?.ad_response_id;
    expect(issued).toMatch(/\S/);
    expect(fake.acknowledgements[0]?.body.ad_response_id).toBe(issued);
    // The status and the product, never the ad id: the AI SDK records providerMetadata on its spans.
    expect(result.providerMetadata?.adstract).toEqual({
      status: 'filled',
      productName: 'Acme Analytics',
    });
    expect(errors).toEqual([]);
  });

  it('sends the request context on the wire and never the context to the model', async () => {
    const { fake, middleware } = setup();
    const model = new MockLanguageModel({ doGenerate: textResult('ok') });
    await generateText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'Hello there',
      providerOptions: { adstract: { ...context, country: 'US', age: 30 } },
    });
    await middleware.flush();
    expect(fake.starts[0]?.body.request_context).toEqual({
      session_id: 'session-1',
      user_agent: 'Mozilla/5.0 test',
      user_ip: '203.0.113.7',
    });
    expect(fake.starts[0]?.body.optional_context).toEqual({ country: 'US', age: 30 });
    const sent = JSON.stringify(model.doGenerateCalls[0]);
    expect(sent).not.toContain('203.0.113.7');
    expect(sent).not.toContain('session-1');
    expect(sent).not.toContain(API_KEY);
    expect(model.doGenerateCalls[0]?.providerOptions).toBeUndefined();
  });

  it.each([
    [202, 'no-fill'],
    [201, 'rejected'],
  ] as const)('keeps the original prompt on %i and never acknowledges', async (status, outcome) => {
    const { fake, middleware, errors, events } = setup(
      createFakeAdstract({ onStart: () => emptyReply(status) }),
    );
    const model = new MockLanguageModel({ doGenerate: textResult('plain answer') });
    const result = await generateText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'What is 2 + 2?',
      providerOptions: { adstract: context },
    });
    await middleware.flush();
    expect(userTextSeen(model.doGenerateCalls[0])).toBe('What is 2 + 2?');
    expect(result.text).toBe('plain answer');
    expect(fake.acknowledgements).toHaveLength(0);
    expect(result.providerMetadata?.adstract).toEqual({ status: outcome });
    expect(events.map((event) => event.type)).toEqual(['requested', outcome]);
    expect(errors).toEqual([]);
  });
});

describe('streamText', () => {
  it('acknowledges every text delta once the stream ends, and reports metadata on finish', async () => {
    const { fake, middleware } = setup();
    const model = new MockLanguageModel({
      doStream: streamResult(textParts(['Try ', '<ADS>Acme</ADS>', ' today.'])),
    });
    const result = streamText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
      providerOptions: { adstract: context },
    });
    expect(await result.text).toBe('Try <ADS>Acme</ADS> today.');
    expect((await result.providerMetadata)?.adstract).toMatchObject({ status: 'filled' });
    await middleware.flush();
    expect(fake.acknowledgements.map((call) => call.body.llm_response)).toEqual([
      'Try <ADS>Acme</ADS> today.',
    ]);
  });

  it('closes the answer before a slow acknowledge completes', async () => {
    const fake = createFakeAdstract({
      onAcknowledge: () => ({
        status: 200,
        delayMs: 300,
        body: { ad_ack_id: 'ack_slow', status: 'ok', success: true },
      }),
    });
    const { middleware, events } = setup(fake);
    const model = new MockLanguageModel({ doStream: streamResult(textParts(['a', 'b'])) });
    const result = streamText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
      providerOptions: { adstract: context },
    });
    await result.consumeStream();
    expect(await result.text).toBe('ab');
    expect(events.some((event) => event.type === 'acknowledged')).toBe(false);
    await middleware.flush();
    expect(events.filter((event) => event.type === 'acknowledged')).toHaveLength(1);
  });

  it('returns the model stream untouched when there is no ad', async () => {
    const { middleware } = setup(createFakeAdstract({ onStart: () => emptyReply(202) }));
    const model = new MockLanguageModel({ doStream: streamResult(textParts(['x'])) });
    const params = await middleware.transformParams?.({
      type: 'stream',
      params: {
        prompt: [{ role: 'user', content: [{ type: 'text', text: 'What is 2 + 2?' }] }],
        providerOptions: { adstract: context },
      },
      model,
    });
    const original = streamResult(textParts(['x']));
    const wrapped = await middleware.wrapStream?.({
      doStream: async () => original,
      doGenerate: async () => textResult('x'),
      params: params!,
      model,
    });
    expect(wrapped).toBe(original);
  });
});

describe('UI message metadata', () => {
  it('labels the answer before its first word: the metadata comes with the text start', async () => {
    const { middleware } = setup();
    const model = new MockLanguageModel({
      doStream: streamResult(textParts(['Try ', '<ADS>Acme</ADS>', ' today.'])),
    });
    const result = streamText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
      providerOptions: { adstract: context },
    });
    const chunks: Array<{ type: string; messageMetadata?: unknown }> = [];
    const reader = result
      .toUIMessageStream({ messageMetadata: adstractMessageMetadata })
      .getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      chunks.push(read.value as { type: string; messageMetadata?: unknown });
    }
    await middleware.flush();
    const firstText = chunks.findIndex((chunk) => chunk.type === 'text-delta');
    const labelled = chunks.findIndex(
      (chunk) =>
        JSON.stringify(chunk.messageMetadata) ===
        JSON.stringify({ adstract: { status: 'filled', productName: 'Acme Analytics' } }),
    );
    expect(firstText).toBeGreaterThan(-1);
    expect(labelled).toBeGreaterThan(-1);
    expect(labelled).toBeLessThan(firstText);
    // The ad id stays on the server (text parts carry their providerMetadata to the browser).
    expect(JSON.stringify(chunks)).not.toMatch(/resp_\d+/);
  });

  it('gives streams the typed metadata through getAdstractMetadata', async () => {
    const { middleware } = setup();
    const model = new MockLanguageModel({ doStream: streamResult(textParts(['Hi.'])) });
    const result = streamText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
      providerOptions: { adstract: context },
    });
    await result.consumeStream();
    expect(getAdstractMetadata(await result.providerMetadata)).toMatchObject({
      status: 'filled',
      productName: 'Acme Analytics',
    });
    await middleware.flush();
  });
});

describe('among other middlewares', () => {
  const thinking = ['<think>The user wants ', 'retention tips.</think>', 'Try onboarding emails.'];

  async function acknowledgedWith(order: 'adstract-first' | 'adstract-last') {
    const { fake, middleware } = setup();
    const reasoning = extractReasoningMiddleware({ tagName: 'think' });
    const model = new MockLanguageModel({ doStream: streamResult(textParts(thinking)) });
    const result = streamText({
      model: wrapLanguageModel({
        model,
        middleware: order === 'adstract-first' ? [middleware, reasoning] : [reasoning, middleware],
      }),
      prompt: 'How can I improve user retention?',
      providerOptions: { adstract: context },
    });
    const text = await result.text;
    await middleware.flush();
    return { text, acknowledged: fake.acknowledgements.map((call) => call.body.llm_response) };
  }

  it('acknowledges what the user sees when it comes first: reasoning never reaches Adstract', async () => {
    const { text, acknowledged } = await acknowledgedWith('adstract-first');
    expect(text).toBe('Try onboarding emails.');
    expect(acknowledged).toEqual([text]);
  });

  it('sees the raw model text when placed after a middleware that rewrites it (so: put it first)', async () => {
    const { text, acknowledged } = await acknowledgedWith('adstract-last');
    expect(text).toBe('Try onboarding emails.');
    expect(acknowledged[0]).toContain('<think>');
  });
});

describe('fail open', () => {
  const failures: Array<
    [string, Parameters<typeof createFakeAdstract>[0], string, string, string[]]
  > = [
    [
      'a 500',
      { onStart: () => ({ status: 500, body: { detail: 'boom' } }) },
      'ServerError',
      'unavailable',
      [],
    ],
    [
      'a 401',
      { onStart: () => ({ status: 401, body: { detail: 'no' } }) },
      'AuthenticationError',
      'invalid',
      [],
    ],
    [
      'a 409',
      { onStart: () => ({ status: 409, body: { detail: 'dup' } }) },
      'DuplicateAdRequestError',
      'duplicate',
      [],
    ],
    [
      'invalid JSON',
      { onStart: () => ({ status: 200, text: '{not json' }) },
      'UnexpectedResponseError',
      'invalid',
      [],
    ],
    [
      'a network failure',
      { onStart: () => ({ status: 0, networkError: true }) },
      'NetworkError',
      'unavailable',
      [],
    ],
    [
      'the time budget',
      { onStart: (body) => ({ ...filledReply(String(body.prompt)), delayMs: 500 }) },
      'NetworkError',
      'unavailable',
      // The 200 that arrives after the budget is acknowledged with the answer given without it.
      ['fine'],
    ],
  ];

  it.each(failures)(
    'answers with the original prompt after %s',
    async (_label, fakeOptions, name, reason, acknowledged) => {
      const { fake, middleware, errors, events } = setup(createFakeAdstract(fakeOptions), {
        timeoutMs: 50,
      });
      const model = new MockLanguageModel({ doStream: streamResult(textParts(['fine'])) });
      const result = streamText({
        model: wrapLanguageModel({ model, middleware }),
        prompt: 'How can I improve user retention?',
        providerOptions: { adstract: context },
      });
      expect(await result.text).toBe('fine');
      await middleware.flush();
      expect(userTextSeen(model.doStreamCalls[0])).toBe('How can I improve user retention?');
      expect(fake.acknowledgements.map((call) => call.body.llm_response)).toEqual(acknowledged);
      expect(errors.map((error) => (error as Error).name)).toEqual([name]);
      expect(events.find((event) => event.type === 'failed')).toMatchObject({ reason });
      for (const error of errors) {
        expect(String((error as Error).message)).not.toContain(API_KEY);
        expect(String((error as Error).message)).not.toContain('203.0.113.7');
      }
    },
  );

  it('reports a throwing context function as an AdSDKError that keeps the original', async () => {
    const thrown = new Error('session store unavailable');
    const { fake, middleware, errors } = setup(createFakeAdstract(), {
      context: () => {
        throw thrown;
      },
    });
    const model = new MockLanguageModel({ doGenerate: textResult('plain answer') });
    const result = await generateText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
    });
    expect(result.text).toBe('plain answer');
    expect(fake.starts).toHaveLength(0);
    expect(errors).toHaveLength(1);
    expect(AdSDKError.isInstance(errors[0])).toBe(true);
    expect(errors[0]).toMatchObject({ name: 'ValidationError', field: 'context', cause: thrown });
  });

  it('throws instead in strict mode', async () => {
    const { middleware } = setup(
      createFakeAdstract({ onStart: () => ({ status: 500, body: {} }) }),
      { strict: true },
    );
    const model = new MockLanguageModel({ doGenerate: textResult('never') });
    await expect(
      generateText({
        model: wrapLanguageModel({ model, middleware }),
        prompt: 'How can I improve user retention?',
        providerOptions: { adstract: context },
        maxRetries: 0,
      }),
    ).rejects.toThrow();
    expect(model.doGenerateCalls).toHaveLength(0);
  });

  it('survives hooks that throw', async () => {
    const fake = createFakeAdstract({ onStart: () => ({ status: 503, body: {} }) });
    const middleware = adstractMiddleware({
      apiKey: API_KEY,
      baseURL: 'http://adstract.test',
      fetch: fake.fetch,
      onError: () => {
        throw new Error('hook bug');
      },
      onOutcome: () => {
        throw new Error('hook bug');
      },
    });
    const model = new MockLanguageModel({ doGenerate: textResult('still here') });
    const result = await generateText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
      providerOptions: { adstract: context },
    });
    expect(result.text).toBe('still here');
  });

  it('warns with name and message only when no onError is given', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const fake = createFakeAdstract({ onStart: () => ({ status: 500, body: {} }) });
    const middleware = adstractMiddleware({
      apiKey: API_KEY,
      baseURL: 'http://adstract.test',
      fetch: fake.fetch,
    });
    const model = new MockLanguageModel({ doGenerate: textResult('ok') });
    await generateText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
      providerOptions: { adstract: context },
    });
    expect(warn).toHaveBeenCalledTimes(1);
    const line = String(warn.mock.calls[0]?.[0]);
    expect(line).toMatch(/^\[adstract\] ServerError: /);
    expect(line).not.toContain(API_KEY);
    warn.mockRestore();
  });
});

describe('time budgets', () => {
  function spiedClient(fake: ReturnType<typeof createFakeAdstract>) {
    const client = new Adstract({
      apiKey: API_KEY,
      baseURL: 'http://adstract.test',
      fetch: fake.fetch,
    });
    return {
      client,
      requestAd: vi.spyOn(client, 'requestAd'),
      acknowledge: vi.spyOn(client, 'acknowledge'),
    };
  }

  async function answerOnce(middleware: ReturnType<typeof adstractMiddleware>) {
    const model = new MockLanguageModel({ doGenerate: textResult('answer') });
    await generateText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
      providerOptions: { adstract: context },
    });
    await middleware.flush();
  }

  it('waits 3000 ms for start by default, then answers at once without the ad', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const fake = createFakeAdstract({
      onStart: (body) => ({ ...filledReply(String(body.prompt)), delayMs: 5_000 }),
    });
    const { middleware, events } = setup(fake);
    const model = new MockLanguageModel({ doGenerate: textResult('answer without the ad') });
    let answered = false;
    const answer = generateText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
      providerOptions: { adstract: context },
    }).then((result) => {
      answered = true;
      return result;
    });
    await vi.advanceTimersByTimeAsync(2_999);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(answered).toBe(true);
    expect((await answer).providerMetadata?.adstract).toEqual({ status: 'failed' });
    expect(userTextSeen(model.doGenerateCalls[0])).toBe('How can I improve user retention?');
    // The start goes on, and its 200 at 5 s is acknowledged with the answer the user received.
    const flushed = middleware.flush();
    await vi.advanceTimersByTimeAsync(2_000);
    await flushed;
    expect(events.map((event) => event.type)).toEqual([
      'requested',
      'failed',
      'late-fill',
      'acknowledged',
    ]);
    expect(fake.acknowledgements.map((call) => call.body.llm_response)).toEqual([
      'answer without the ad',
    ]);
  });

  it('gives the start request the 30 s cap, and acknowledge 30 s, by default', async () => {
    const fake = createFakeAdstract();
    const { client, requestAd, acknowledge } = spiedClient(fake);
    await answerOnce(adstractMiddleware({ client, onError: () => {} }));
    expect(requestAd).toHaveBeenCalledWith(
      expect.objectContaining({ timeoutMs: 30_000, totalTimeoutMs: 30_000 }),
    );
    expect(requestAd.mock.calls[0]?.[0]).not.toHaveProperty('signal');
    expect(acknowledge).toHaveBeenCalledWith(expect.objectContaining({ timeoutMs: 30_000 }));
  });

  it('passes startCapMs and acknowledgeTimeoutMs to a shared client on every call', async () => {
    const fake = createFakeAdstract();
    const { client, requestAd, acknowledge } = spiedClient(fake);
    await answerOnce(
      adstractMiddleware({
        client,
        timeoutMs: 1_234,
        startCapMs: 4_567,
        acknowledgeTimeoutMs: 5_678,
        onError: () => {},
      }),
    );
    expect(requestAd).toHaveBeenCalledWith(
      expect.objectContaining({ timeoutMs: 4_567, totalTimeoutMs: 4_567 }),
    );
    expect(acknowledge).toHaveBeenCalledWith(expect.objectContaining({ timeoutMs: 5_678 }));
  });

  it('honours wrappingType with a shared client, per call', async () => {
    const fake = createFakeAdstract();
    const { client } = spiedClient(fake);
    await answerOnce(adstractMiddleware({ client, wrappingType: 'markdown', onError: () => {} }));
    expect(fake.starts[0]?.body.request_configuration).toEqual({ wrapping_type: 'markdown' });
  });

  it('does not hold the acknowledge to the short start budget', async () => {
    const fake = createFakeAdstract({
      onAcknowledge: () => ({
        status: 200,
        delayMs: 200,
        body: { ad_ack_id: 'a', status: 'ok', success: true },
      }),
    });
    const { middleware, errors, events } = setup(fake, { timeoutMs: 20 });
    await answerOnce(middleware);
    expect(errors).toEqual([]);
    expect(events.filter((event) => event.type === 'acknowledged')).toHaveLength(1);
  });
});

describe('outcome timings', () => {
  it('reports how long start and acknowledge took', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const fake = createFakeAdstract({
      onStart: (body) => ({ ...filledReply(String(body.prompt)), delayMs: 250 }),
      onAcknowledge: () => ({
        status: 200,
        delayMs: 400,
        body: { ad_ack_id: 'a', status: 'ok', success: true },
      }),
    });
    const { middleware, events } = setup(fake);
    const model = new MockLanguageModel({ doGenerate: textResult('answer') });
    const answer = generateText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
      providerOptions: { adstract: context },
    });
    await vi.advanceTimersByTimeAsync(250);
    await answer;
    const flushed = middleware.flush();
    await vi.advanceTimersByTimeAsync(400);
    await flushed;
    const durations = Object.fromEntries(
      events.flatMap((event) => ('durationMs' in event ? [[event.type, event.durationMs]] : [])),
    );
    expect(durations.filled).toBeGreaterThanOrEqual(250);
    expect(durations.filled).toBeLessThan(260);
    expect(durations.acknowledged).toBeGreaterThanOrEqual(400);
    expect(durations.acknowledged).toBeLessThan(410);
  });

  it.each([
    ['no-fill', { ...emptyReply(202), delayMs: 120 }],
    ['failed', { status: 503, body: {}, delayMs: 120 }],
  ] as Array<[string, FakeStartReply]>)('reports how long a %s start took', async (type, reply) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { middleware, events } = setup(createFakeAdstract({ onStart: () => reply }));
    const model = new MockLanguageModel({ doGenerate: textResult('answer') });
    const answer = generateText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
      providerOptions: { adstract: context },
    });
    await vi.advanceTimersByTimeAsync(120);
    await answer;
    const event = events.find((candidate) => candidate.type === type);
    expect(event).toBeDefined();
    const durationMs = event !== undefined && 'durationMs' in event ? event.durationMs : -1;
    expect(durationMs).toBeGreaterThanOrEqual(120);
    expect(durationMs).toBeLessThan(130);
  });
});

describe('repeats of a message', () => {
  const ask = (
    middleware: ReturnType<typeof adstractMiddleware>,
    model: MockModel,
    messages: ModelMessage[],
  ) =>
    generateText({
      model: wrapLanguageModel({ model, middleware }),
      messages,
      providerOptions: { adstract: context },
    });
  const question = 'How can I improve user retention?';

  it('gives a resend of an answered message no second ad (Adstract would answer 409)', async () => {
    const { fake, middleware, events } = setup();
    const model = new MockLanguageModel({ doGenerate: textResult('answer') });
    await ask(middleware, model, [{ role: 'user', content: question }]);
    await middleware.flush();
    const again = await ask(middleware, model, [{ role: 'user', content: question }]);
    await middleware.flush();
    expect(fake.starts).toHaveLength(1);
    expect(fake.acknowledgements).toHaveLength(1);
    expect(userTextSeen(model.doGenerateCalls[1])).toBe(question);
    expect(again.providerMetadata?.adstract).toEqual({ status: 'skipped' });
    expect(events).toContainEqual({ type: 'skipped', reason: 'duplicate' });
  });

  it('asks again for the same text sent later in the conversation (a new message)', async () => {
    const { fake, middleware } = setup();
    const model = new MockLanguageModel({ doGenerate: textResult('answer') });
    await ask(middleware, model, [{ role: 'user', content: question }]);
    await ask(middleware, model, [
      { role: 'user', content: question },
      { role: 'assistant', content: 'answer' },
      { role: 'user', content: question },
    ]);
    await middleware.flush();
    expect(fake.starts).toHaveLength(2);
    expect(fake.acknowledgements).toHaveLength(2);
  });

  it.each([
    ['a 503', { status: 503, body: {} }],
    ['a network failure', { status: 0, networkError: true }],
  ] as Array<[string, FakeStartReply]>)(
    'asks again when a message is resent after %s',
    async (_label, failure) => {
      const replies = [failure];
      const { fake, middleware } = setup(
        createFakeAdstract({
          onStart: (body) => replies.shift() ?? filledReply(String(body.prompt)),
        }),
      );
      const model = new MockLanguageModel({ doGenerate: textResult('answer') });
      const first = await ask(middleware, model, [{ role: 'user', content: question }]);
      const second = await ask(middleware, model, [{ role: 'user', content: question }]);
      await middleware.flush();
      expect(first.providerMetadata?.adstract).toEqual({ status: 'failed' });
      expect(second.providerMetadata?.adstract).toMatchObject({ status: 'filled' });
      expect(fake.starts).toHaveLength(2);
      expect(fake.acknowledgements).toHaveLength(1);
    },
  );

  it('asks again, with an event, when the caller aborted the first start; its late 200 is acknowledged', async () => {
    const held = createDeferred();
    const replies: FakeStartReply[] = [{ ...filledReply(question), holdUntil: held.promise }];
    const { fake, middleware, events } = setup(
      createFakeAdstract({
        onStart: (body) => replies.shift() ?? filledReply(String(body.prompt)),
      }),
    );
    const model = new MockLanguageModel({ doGenerate: textResult('answer') });
    const controller = new AbortController();
    const first = generateText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: question,
      abortSignal: controller.signal,
      providerOptions: { adstract: context },
    }).catch((error: unknown) => error);
    await vi.waitFor(() => expect(fake.starts).toHaveLength(1));
    controller.abort();
    // The call stops at once, while its start is still out.
    expect(await first).toMatchObject({ name: 'AbortError' });
    expect(model.doGenerateCalls).toHaveLength(0);
    const second = await ask(middleware, model, [{ role: 'user', content: question }]);
    expect(second.providerMetadata?.adstract).toMatchObject({ status: 'filled' });
    expect(fake.starts).toHaveLength(2);
    expect(events.filter((event) => event.type === 'requested')).toEqual([
      { type: 'requested', sessionId: 'session-1' },
      { type: 'requested', sessionId: 'session-1', again: 'after-abort' },
    ]);
    held.resolve();
    await middleware.flush();
    // One acknowledge per 200: the aborted call's with the nothing it showed, the resend's with its answer.
    expect(fake.acknowledgements.map((call) => call.body.llm_response).sort()).toEqual([
      '',
      'answer',
    ]);
  });

  it('keeps a 409 for a resend of the same message (it would be answered 409 again)', async () => {
    const { fake, middleware, errors } = setup(
      createFakeAdstract({ onStart: () => ({ status: 409, body: { detail: 'duplicate' } }) }),
    );
    const model = new MockLanguageModel({ doGenerate: textResult('answer') });
    await ask(middleware, model, [{ role: 'user', content: question }]);
    const again = await ask(middleware, model, [{ role: 'user', content: question }]);
    expect(fake.starts).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(again.providerMetadata?.adstract).toEqual({ status: 'failed' });
  });

  it.each([
    [202, 'no-fill'],
    [201, 'rejected'],
  ] as const)('keeps a %i answer for a resend of the same message', async (status, outcome) => {
    const { fake, middleware } = setup(createFakeAdstract({ onStart: () => emptyReply(status) }));
    const model = new MockLanguageModel({ doGenerate: textResult('answer') });
    await ask(middleware, model, [{ role: 'user', content: question }]);
    const again = await ask(middleware, model, [{ role: 'user', content: question }]);
    expect(fake.starts).toHaveLength(1);
    expect(again.providerMetadata?.adstract).toEqual({ status: outcome });
  });
});
