import {
  type ModelStandIn,
  type Sandbox,
  startModelStandIn,
  startSandbox,
} from '@adstract/sandbox';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { generateText, jsonSchema, stepCountIs, streamText, tool, wrapLanguageModel } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AdstractMiddleware, adstractMiddleware } from '../adstract-middleware.js';
import { SPEC_VERSION } from '../testing/ai-major.js';

const API_KEY = 'adpk_sandbox_integration_key';
const USER_IP = '203.0.113.77';
let sandbox: Sandbox;
let standIn: ModelStandIn;
let middleware: AdstractMiddleware;
let session = 0;

const context = () => ({
  adstract: { sessionId: `integration-${++session}`, userAgent: 'vitest', userIp: USER_IP },
});
const starts = () => sandbox.requests.filter((request) => request.path.includes('/start'));
const acks = () =>
  sandbox.requests
    .filter((request) => request.path.includes('/acknowledge'))
    .map((request) => request.body as { ad_response_id: string; llm_response: string });

const getWeather = tool({
  description: 'Get the weather for a city',
  inputSchema: jsonSchema<{ city: string }>({
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
  }),
  execute: async ({ city }) => ({ city, temperatureC: 21 }),
});

beforeAll(async () => {
  sandbox = await startSandbox({ logger: false });
  standIn = await startModelStandIn();
});

afterAll(async () => {
  await standIn?.close();
  await sandbox?.close();
});

beforeEach(() => {
  sandbox.reset();
  standIn.reset();
  middleware = adstractMiddleware({ apiKey: API_KEY, baseURL: sandbox.url, onError: () => {} });
});

const apis: Array<[string, (provider: ReturnType<typeof createOpenAI>) => LanguageModelV4]> = [
  ['Responses API', (provider) => provider('gpt-5-mini')],
  ['Chat Completions API', (provider) => provider.chat('gpt-5-mini')],
];

describe.each(apis)('through @ai-sdk/openai (%s)', (_name, pick) => {
  const wrapped = () =>
    wrapLanguageModel({
      model: pick(createOpenAI({ baseURL: standIn.url, apiKey: 'test' })),
      middleware,
    });

  it('uses the provider major paired with the AI SDK major under test', () => {
    const model = pick(createOpenAI({ baseURL: standIn.url, apiKey: 'test' }));
    expect(model.specificationVersion).toBe(SPEC_VERSION);
  });

  it('streams an answer with the ad and acknowledges its exact text once', async () => {
    const result = streamText({
      model: wrapped(),
      prompt: 'How can I improve user retention?',
      providerOptions: context(),
    });
    const text = await result.text;
    await middleware.flush();
    expect(text).toMatch(/<ADS>.+<\/ADS>/);
    expect(starts()).toHaveLength(1);
    expect(acks().map((ack) => ack.llm_response)).toEqual([text]);
    expect((await result.providerMetadata)?.adstract).toMatchObject({ status: 'filled' });
    const sent = JSON.stringify(standIn.requests.map((request) => request.body));
    expect(sent).toContain('Sponsored content instruction');
    expect(sent).not.toContain(USER_IP);
    expect(sent).not.toContain(API_KEY);
    expect(sent).not.toContain(acks()[0]?.ad_response_id);
  });

  it('generates an answer and acknowledges it', async () => {
    const result = await generateText({
      model: wrapped(),
      prompt: 'How can I improve user retention?',
      providerOptions: context(),
    });
    await middleware.flush();
    expect(acks().map((ack) => ack.llm_response)).toEqual([result.text]);
  });

  it('keeps the original prompt and sends no acknowledge on no fill', async () => {
    const result = await generateText({
      model: wrapped(),
      prompt: 'What is 2 + 2?',
      providerOptions: context(),
    });
    await middleware.flush();
    expect(result.text).not.toContain('<ADS>');
    expect(starts()[0]?.status).toBe(202);
    expect(acks()).toEqual([]);
    expect(JSON.stringify(standIn.requests[0]?.body)).not.toContain(
      'Sponsored content instruction',
    );
  });

  it('runs a tool loop on one enhancement and acknowledges all steps after the last', async () => {
    const result = streamText({
      model: wrapped(),
      prompt: 'What is the weather for my trip to Lisbon?',
      tools: { getWeather },
      stopWhen: stepCountIs(3),
      providerOptions: context(),
    });
    const steps = await result.steps;
    await middleware.flush();
    expect(steps.length).toBe(2);
    expect(standIn.requests).toHaveLength(2);
    for (const request of standIn.requests) {
      expect(JSON.stringify(request.body)).toContain('Sponsored content instruction');
    }
    expect(starts()).toHaveLength(1);
    const expected = steps
      .map((step) => step.text)
      .filter((text) => text !== '')
      .join('\n\n');
    expect(acks().map((ack) => ack.llm_response)).toEqual([expected]);
  });

  it('reuses the enhancement across maxRetries after an LLM 500', async () => {
    standIn.failNext({ status: 500, count: 1 });
    const result = await generateText({
      model: wrapped(),
      prompt: 'How can I improve user retention?',
      maxRetries: 2,
      providerOptions: context(),
    });
    await middleware.flush();
    expect(standIn.requests).toHaveLength(2);
    expect(starts()).toHaveLength(1);
    expect(acks().map((ack) => ack.llm_response)).toEqual([result.text]);
  });

  it('acknowledges the partial text once when the caller aborts', async () => {
    standIn.setChunkDelay(20);
    try {
      const controller = new AbortController();
      const result = streamText({
        model: wrapped(),
        prompt: 'How can I improve user retention?',
        abortSignal: controller.signal,
        providerOptions: context(),
      });
      let received = '';
      try {
        for await (const delta of result.textStream) {
          received += delta;
          if (received.length > 20) controller.abort();
        }
      } catch {
        // an aborted stream may end with an AbortError
      }
      await middleware.flush();
      expect(acks()).toHaveLength(1);
      const acknowledged = acks()[0]?.llm_response ?? '';
      expect(acknowledged.length).toBeGreaterThan(0);
      expect(received.startsWith(acknowledged) || acknowledged.startsWith(received)).toBe(true);
    } finally {
      standIn.setChunkDelay(0);
    }
  });
});

describe('repeats of a message against the sandbox', () => {
  const model = (adstract: AdstractMiddleware) =>
    wrapLanguageModel({
      model: createOpenAI({ baseURL: standIn.url, apiKey: 'test' }).chat('gpt-5-mini'),
      middleware: adstract,
    });

  it('asks again when a message is resent after a start 5xx, and gets the ad', async () => {
    let faulted = false;
    // The first start gets a 500 from the sandbox (answered before the message is recorded).
    const fetchWithFault: typeof fetch = (input, init) => {
      const isStart = String(input instanceof Request ? input.url : input).includes('/start');
      if (!isStart || faulted) return fetch(input, init);
      faulted = true;
      const headers = new Headers(init?.headers);
      headers.set('x-sandbox-fault', 'server-error');
      return fetch(input, { ...init, headers });
    };
    const adstract = adstractMiddleware({
      apiKey: API_KEY,
      baseURL: sandbox.url,
      fetch: fetchWithFault,
      onError: () => {},
    });
    const providerOptions = context();
    const ask = () =>
      generateText({
        model: model(adstract),
        prompt: 'How can I improve user retention?',
        providerOptions,
      });
    const first = await ask();
    const second = await ask();
    await adstract.flush();
    expect(starts().map((request) => request.status)).toEqual([500, 200]);
    expect(first.providerMetadata?.adstract).toEqual({ status: 'failed' });
    expect(second.providerMetadata?.adstract).toMatchObject({ status: 'filled' });
    expect(acks().map((ack) => ack.llm_response)).toEqual([second.text]);
  });

  it('does not ask again for a message already answered with an ad (no 409)', async () => {
    const providerOptions = context();
    const ask = () =>
      generateText({
        model: model(middleware),
        prompt: 'How can I improve user retention?',
        providerOptions,
      });
    await ask();
    const again = await ask();
    await middleware.flush();
    expect(starts().map((request) => request.status)).toEqual([200]);
    expect(again.providerMetadata?.adstract).toEqual({ status: 'skipped' });
    expect(acks()).toHaveLength(1);
  });
});
