import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { streamText, wrapLanguageModel } from 'ai';
import { describe, expect, it } from 'vitest';
import { adstractMiddleware } from './adstract-middleware.js';
import { createFakeAdstract, filledReply } from './testing/fake-adstract.js';
import {
  finishReason,
  MockLanguageModel,
  slowStream,
  textParts,
  usage,
} from './testing/mock-model.js';
import { setupMiddleware, TEST_CONTEXT } from './testing/test-middleware.js';

const context = TEST_CONTEXT;
const setup = () => setupMiddleware();

function pullThenFail(
  parts: LanguageModelV4StreamPart[],
  error: Error,
): ReadableStream<LanguageModelV4StreamPart> {
  let index = 0;
  return new ReadableStream<LanguageModelV4StreamPart>({
    pull(controller) {
      const part = parts[index++];
      if (part === undefined) controller.error(error);
      else controller.enqueue(part);
    },
  });
}

describe('endings', () => {
  it('acknowledges the partial text once when the caller aborts mid-stream', async () => {
    const { fake, middleware, events } = setup();
    const controller = new AbortController();
    const deltas = Array.from({ length: 50 }, (_, index) => `w${index} `);
    const model = new MockLanguageModel({
      doStream: async () => ({ stream: slowStream(textParts(deltas), 5) }),
    });
    const result = streamText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
      abortSignal: controller.signal,
      providerOptions: { adstract: context },
    });
    let received = '';
    for await (const delta of result.textStream) {
      received += delta;
      if (received.length > 10) controller.abort();
    }
    await middleware.flush();
    expect(fake.acknowledgements).toHaveLength(1);
    const acknowledged = String(fake.acknowledgements[0]?.body.llm_response);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(acknowledged.length).toBeLessThan(deltas.join('').length);
    expect(deltas.join('').startsWith(acknowledged)).toBe(true);
    expect(received.startsWith(acknowledged) || acknowledged.startsWith(received)).toBe(true);
    expect(events.find((event) => event.type === 'acknowledged')).toMatchObject({
      ending: 'aborted',
    });
  });

  it('acknowledges the partial text once when the provider stream throws', async () => {
    const { fake, middleware } = setup();
    const model = new MockLanguageModel({
      doStream: async () => ({
        // Parts are handed out one per pull, so they reach the consumer before the error does
        // (an error raised in `start` would discard the queued parts).
        stream: pullThenFail(
          [
            { type: 'text-start', id: '0' },
            { type: 'text-delta', id: '0', delta: 'Half an ' },
            { type: 'text-delta', id: '0', delta: 'answer' },
          ],
          new Error('connection reset'),
        ),
      }),
    });
    const result = streamText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
      providerOptions: { adstract: context },
      onError: () => {},
    });
    await result.consumeStream({ onError: () => {} });
    await middleware.flush();
    expect(fake.acknowledgements.map((call) => call.body.llm_response)).toEqual(['Half an answer']);
  });

  it('acknowledges once when the provider sends an error part and then finishes', async () => {
    const { fake, middleware, events } = setup();
    const model = new MockLanguageModel({
      doStream: async () => ({
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(controller) {
            controller.enqueue({ type: 'text-start', id: '0' });
            controller.enqueue({ type: 'text-delta', id: '0', delta: 'Partial' });
            controller.enqueue({ type: 'error', error: new Error('overloaded') });
            controller.enqueue({ type: 'finish', finishReason: finishReason('error'), usage });
            controller.close();
          },
        }),
      }),
    });
    const result = streamText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
      providerOptions: { adstract: context },
      onError: () => {},
    });
    await result.consumeStream({ onError: () => {} });
    await middleware.flush();
    expect(fake.acknowledgements.map((call) => call.body.llm_response)).toEqual(['Partial']);
    expect(events.find((event) => event.type === 'acknowledged')).toMatchObject({
      ending: 'error',
    });
  });

  it('acknowledges the partial text once when the consumer cancels without an abort signal', async () => {
    const { fake, middleware, events } = setup();
    // Two deltas, then the source stays open: only a cancel can end it.
    const parts: LanguageModelV4StreamPart[] = [
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: '0' },
      { type: 'text-delta', id: '0', delta: 'Half an ' },
      { type: 'text-delta', id: '0', delta: 'answer' },
    ];
    const model = new MockLanguageModel({
      doStream: async () => ({
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(controller) {
            for (const part of parts) controller.enqueue(part);
          },
        }),
      }),
    });
    // streamText never forwards a reader's cancel to the model, so read the wrapped model directly.
    const wrapped = wrapLanguageModel({ model, middleware });
    const { stream } = await wrapped.doStream({
      prompt: [
        { role: 'user', content: [{ type: 'text', text: 'How can I improve user retention?' }] },
      ],
      providerOptions: { adstract: context },
    });
    const reader = stream.getReader();
    for (let index = 0; index < parts.length; index++) await reader.read();
    await reader.cancel();
    await reader.cancel();
    await middleware.flush();
    expect(fake.acknowledgements.map((call) => call.body.llm_response)).toEqual(['Half an answer']);
    expect(events.filter((event) => event.type === 'acknowledged')).toMatchObject([
      { ending: 'cancelled' },
    ]);
  });

  it('reports a failing acknowledge through the hooks, never as a rejection', async () => {
    const fake = createFakeAdstract({ onAcknowledge: () => ({ status: 409, body: {} }) });
    const errors: Error[] = [];
    const middleware = adstractMiddleware({
      apiKey: 'adpk_test_0123456789',
      baseURL: 'http://adstract.test',
      fetch: fake.fetch,
      onError: (error) => errors.push(error),
    });
    const model = new MockLanguageModel({
      doStream: async () => ({ stream: slowStream(textParts(['done']), 0) }),
    });
    const result = streamText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
      providerOptions: { adstract: context },
    });
    expect(await result.text).toBe('done');
    await middleware.flush();
    expect(errors.map((error) => error.name)).toEqual(['DuplicateAcknowledgmentError']);
  });
});

describe('concurrency', () => {
  it('keeps 200 parallel streams apart: each acknowledge carries its own text', async () => {
    const { fake, middleware } = setup();
    const model = new MockLanguageModel({
      doStream: async (options) => {
        const user = options.prompt.findLast((message) => message.role === 'user');
        const text = user?.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
        const id = /user (\d+)/.exec(text ?? '')?.[1] ?? 'none';
        return { stream: slowStream(textParts([`answer `, `for `, `user ${id}`]), 1) };
      },
    });
    const wrapped = wrapLanguageModel({ model, middleware });
    const count = 200;
    const texts = await Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const result = streamText({
          model: wrapped,
          prompt: `Question from user ${index}`,
          providerOptions: {
            adstract: {
              ...context,
              sessionId: `session-${index % 7}`,
              userIp: `198.51.100.${index % 250}`,
            },
          },
        });
        return result.text;
      }),
    );
    await middleware.flush();
    expect(fake.starts).toHaveLength(count);
    expect(fake.acknowledgements).toHaveLength(count);
    const byResponse = new Map(
      fake.acknowledgements.map((call) => [call.body.ad_response_id, call.body.llm_response]),
    );
    expect(byResponse.size).toBe(count);
    for (const [index, text] of texts.entries()) expect(text).toBe(`answer for user ${index}`);
    for (const start of fake.starts) {
      const index = /user (\d+)/.exec(String(start.body.prompt))?.[1];
      const adResponseId = (start.reply?.body as { ad_response_id: string } | undefined)
        ?.ad_response_id;
      expect(byResponse.get(adResponseId)).toBe(`answer for user ${index}`);
    }
  });

  it('keeps sessions and users apart when they send the same prompt at the same time', async () => {
    // Each session gets its own product, so every answer (and acknowledge) names whose it is.
    const fake = createFakeAdstract({
      onStart: (body) => {
        const request = body.request_context as { session_id: string; user_ip: string };
        return filledReply(String(body.prompt), `${request.session_id}@${request.user_ip}`);
      },
    });
    const middleware = adstractMiddleware({
      apiKey: 'adpk_test_0123456789',
      baseURL: 'http://adstract.test',
      fetch: fake.fetch,
      onError: () => {},
    });
    const model = new MockLanguageModel({
      doStream: async (options) => {
        const user = options.prompt.findLast((message) => message.role === 'user');
        const text = user?.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
        const product = /\[AD: mention (.+)\]/.exec(text ?? '')?.[1] ?? 'none';
        return { stream: slowStream(textParts(['Answer ', `for ${product}`]), 1) };
      },
    });
    const wrapped = wrapLanguageModel({ model, middleware });
    const callers = [
      { sessionId: 'session-a', userIp: '198.51.100.1' },
      { sessionId: 'session-b', userIp: '198.51.100.1' },
      { sessionId: 'session-a', userIp: '198.51.100.2' },
    ];
    const texts = await Promise.all(
      callers.map(
        (caller) =>
          streamText({
            model: wrapped,
            prompt: 'How can I improve user retention?',
            providerOptions: { adstract: { ...context, ...caller } },
          }).text,
      ),
    );
    await middleware.flush();
    const own = callers.map((caller) => `Answer for ${caller.sessionId}@${caller.userIp}`);
    expect(texts).toEqual(own);
    expect(fake.starts).toHaveLength(3);
    const responseIds = fake.starts.map(
      (start) => (start.reply?.body as { ad_response_id?: string } | undefined)?.ad_response_id,
    );
    const acknowledged = new Map(
      fake.acknowledgements.map((call) => [call.body.ad_response_id, call.body.llm_response]),
    );
    expect(fake.acknowledgements).toHaveLength(3);
    for (const [index, start] of fake.starts.entries()) {
      const request = start.body.request_context as { session_id: string; user_ip: string };
      expect(acknowledged.get(responseIds[index])).toBe(
        `Answer for ${request.session_id}@${request.user_ip}`,
      );
    }
  });

  it('gives a concurrent duplicate of a running message no ad and no second start', async () => {
    const { fake, middleware, events } = setup();
    const model = new MockLanguageModel({
      doStream: async () => ({ stream: slowStream(textParts(['a', 'b', 'c']), 5) }),
    });
    const wrapped = wrapLanguageModel({ model, middleware });
    const run = () =>
      streamText({
        model: wrapped,
        prompt: 'How can I improve user retention?',
        providerOptions: { adstract: context },
      }).text;
    const first = run();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await Promise.all([first, run()]);
    await middleware.flush();
    expect(fake.starts).toHaveLength(1);
    expect(fake.acknowledgements).toHaveLength(1);
    expect(events).toContainEqual({ type: 'skipped', reason: 'duplicate' });
  });
});
