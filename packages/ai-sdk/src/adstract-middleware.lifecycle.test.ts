import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { generateText, smoothStream, streamText, wrapLanguageModel } from 'ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { adstractMiddleware } from './adstract-middleware.js';
import type { AdstractMiddlewareOptions } from './options/middleware-options.js';
import {
  createDeferred,
  createFakeAdstract,
  emptyReply,
  filledReply,
} from './testing/fake-adstract.js';
import {
  finishReason,
  MockLanguageModel,
  slowStream,
  streamResult,
  textParts,
  textResult,
} from './testing/mock-model.js';
import { setupMiddleware, TEST_CONTEXT } from './testing/test-middleware.js';

const context = TEST_CONTEXT;

function setup(
  fake: ReturnType<typeof createFakeAdstract>,
  extra: Partial<AdstractMiddlewareOptions> = {},
) {
  const handed: Promise<unknown>[] = [];
  const { middleware, events } = setupMiddleware(fake, {
    waitUntil: (promise) => handed.push(promise),
    ...extra,
  });
  const acknowledged = () =>
    events.flatMap((event) => (event.type === 'acknowledged' ? [event] : []));
  return { middleware, events, handed, acknowledged };
}

/** A model stream the test feeds by hand; it stays open until the test closes it. */
function openStream() {
  let controller: ReadableStreamDefaultController<LanguageModelV4StreamPart> | undefined;
  let cancelled = false;
  const stream = new ReadableStream<LanguageModelV4StreamPart>({
    start(streamController) {
      controller = streamController;
    },
    cancel() {
      cancelled = true;
    },
  });
  const push = (...parts: LanguageModelV4StreamPart[]) => {
    for (const part of parts) controller?.enqueue(part);
  };
  return { stream, push, close: () => controller?.close(), cancelled: () => cancelled };
}

/** Starts a stream whose consumer reads `expected` and then stops reading, without cancelling. */
async function stallAfter(
  middleware: ReturnType<typeof adstractMiddleware>,
  source: ReturnType<typeof openStream>,
  expected: string,
) {
  const model = new MockLanguageModel({ doStream: async () => ({ stream: source.stream }) });
  const result = streamText({
    model: wrapLanguageModel({ model, middleware }),
    prompt: 'How can I improve user retention?',
    providerOptions: { adstract: context },
  });
  const reader = result.textStream.getReader();
  let received = '';
  while (received !== expected) {
    const { value, done } = await reader.read();
    if (done) break;
    received += value;
  }
  return { reader, received };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('waitUntil and flush', () => {
  it('hands waitUntil a promise that settles only after the acknowledge', async () => {
    const release = createDeferred();
    const fake = createFakeAdstract({
      onAcknowledge: () => ({
        status: 200,
        holdUntil: release.promise,
        body: { ad_ack_id: 'a', status: 'ok', success: true },
      }),
    });
    const { middleware, handed } = setup(fake);
    const model = new MockLanguageModel({ doStream: streamResult(textParts(['hi'])) });
    const result = streamText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
      providerOptions: { adstract: context },
    });
    await result.consumeStream();
    expect(handed).toHaveLength(1);
    let settled = false;
    void handed[0]?.then(() => {
      settled = true;
    });
    // The acknowledge is on the wire and held by the fake: the promise cannot have settled.
    await vi.waitFor(() => expect(fake.acknowledgements).toHaveLength(1));
    expect(settled).toBe(false);
    release.resolve();
    await handed[0];
    expect(settled).toBe(true);
  });

  it('flush resolves once the pending acknowledgements are done', async () => {
    const release = createDeferred();
    const fake = createFakeAdstract({
      onAcknowledge: () => ({
        status: 201,
        holdUntil: release.promise,
        body: { ad_ack_id: 'a', status: 'recoverable_error', success: false },
      }),
    });
    const { middleware, acknowledged } = setup(fake);
    const model = new MockLanguageModel({ doGenerate: textResult('hi') });
    await generateText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
      providerOptions: { adstract: context },
    });
    let flushed = false;
    const flushing = middleware.flush().then(() => {
      flushed = true;
    });
    await vi.waitFor(() => expect(fake.acknowledgements).toHaveLength(1));
    expect(flushed).toBe(false);
    expect(acknowledged()).toHaveLength(0);
    release.resolve();
    await flushing;
    expect(acknowledged()).toHaveLength(1);
    expect(fake.acknowledgements.map((call) => String(call.body.llm_response))).toEqual(['hi']);
  });
});

describe('stalled streams', () => {
  it('flush acknowledges a stream whose consumer stopped reading, with its text so far, once', async () => {
    const fake = createFakeAdstract();
    const { middleware, handed, acknowledged } = setup(fake);
    const source = openStream();
    source.push(
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: '0' },
      { type: 'text-delta', id: '0', delta: 'Half ' },
      { type: 'text-delta', id: '0', delta: 'an ' },
    );
    const { reader } = await stallAfter(middleware, source, 'Half an ');

    await middleware.flush();
    expect(fake.acknowledgements.map((call) => call.body.llm_response)).toEqual(['Half an ']);
    expect(acknowledged().map((event) => event.ending)).toEqual(['flushed']);
    await handed[0];

    // Nobody will read the rest: flush stopped the model's stream, so nothing holds the process,
    // and the consumer's side ends too. It never acknowledges again.
    expect(source.cancelled()).toBe(true);
    while (!(await reader.read()).done) {}
    await middleware.flush();
    expect(fake.acknowledgements).toHaveLength(1);
  });

  it('acknowledges a stalled stream at cache.maxAgeMs without new traffic, settling waitUntil', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fake = createFakeAdstract();
    const { middleware, handed, acknowledged } = setup(fake, { cache: { maxAgeMs: 60_000 } });
    const source = openStream();
    source.push(
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: '0' },
      { type: 'text-delta', id: '0', delta: 'Stalled' },
    );
    await stallAfter(middleware, source, 'Stalled');
    let settled = false;
    void handed[0]?.then(() => {
      settled = true;
    });

    await vi.advanceTimersByTimeAsync(59_999);
    expect(fake.acknowledgements).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    // Had the age limit not acted, flush would acknowledge the stream as `flushed`.
    await middleware.flush();
    expect(settled).toBe(true);
    expect(fake.acknowledgements.map((call) => call.body.llm_response)).toEqual(['Stalled']);
    expect(acknowledged().map((event) => event.ending)).toEqual(['evicted']);
  });
});

describe('cache bounds', () => {
  it('acknowledges an answer evicted from a full cache instead of losing it', async () => {
    const fake = createFakeAdstract();
    const { middleware, acknowledged } = setup(fake, {
      cache: { maxEntries: 2 },
      continuationTimeoutMs: 60_000,
    });
    const model = new MockLanguageModel({
      doGenerate: async () => ({
        ...textResult('waiting'),
        content: [{ type: 'tool-call', toolCallId: 'c', toolName: 'weather', input: '{}' }],
        finishReason: finishReason('tool-calls'),
      }),
    });
    const wrapped = wrapLanguageModel({ model, middleware });
    for (let index = 0; index < 3; index++) {
      await generateText({
        model: wrapped,
        prompt: `Question ${index}`,
        providerOptions: { adstract: { ...context, sessionId: `s${index}` } },
      });
    }
    // Three messages wait for a next step: the oldest was evicted (acknowledged), the others flushed.
    await middleware.flush();
    expect(fake.acknowledgements).toHaveLength(3);
    expect(acknowledged().map((event) => event.ending)).toEqual(['evicted', 'flushed', 'flushed']);
  });

  it('forgets a message without an ad after cache.maxAgeMs: a resend asks Adstract again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const fake = createFakeAdstract({ onStart: () => emptyReply(202) });
    const { middleware } = setup(fake, { cache: { maxAgeMs: 60_000 } });
    const model = new MockLanguageModel({ doGenerate: textResult('plain') });
    const ask = () =>
      generateText({
        model: wrapLanguageModel({ model, middleware }),
        prompt: 'What is 2 + 2?',
        providerOptions: { adstract: context },
      });
    await ask();
    vi.setSystemTime(Date.now() + 60_000);
    await ask();
    expect(fake.starts).toHaveLength(1);
    vi.setSystemTime(Date.now() + 1);
    await ask();
    expect(fake.starts).toHaveLength(2);
  });

  it('remembers at most cache.maxSettledEntries finished messages', async () => {
    const fake = createFakeAdstract({ onStart: () => emptyReply(202) });
    const { middleware } = setup(fake, { cache: { maxSettledEntries: 2 } });
    const model = new MockLanguageModel({ doGenerate: textResult('plain') });
    const ask = (prompt: string) =>
      generateText({
        model: wrapLanguageModel({ model, middleware }),
        prompt,
        providerOptions: { adstract: context },
      });
    for (const prompt of ['First?', 'Second?', 'Third?']) await ask(prompt);
    await ask('Third?');
    expect(fake.starts).toHaveLength(3);
    await ask('First?');
    expect(fake.starts).toHaveLength(4);
  });
});

describe('starts that never answer', () => {
  it('are dropped at startCapMs: the call answered at the budget, flush() waits for the cap only', async () => {
    const fake = createFakeAdstract({
      onStart: (body) => ({
        ...filledReply(String(body.prompt)),
        holdUntil: new Promise(() => {}),
      }),
    });
    const { middleware, handed, events } = setup(fake, { timeoutMs: 30, startCapMs: 300 });
    const model = new MockLanguageModel({ doGenerate: textResult('without the ad') });
    const started = performance.now();
    const result = await generateText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
      providerOptions: { adstract: context },
    });
    expect(result.text).toBe('without the ad');
    expect(performance.now() - started).toBeLessThan(250);
    await middleware.flush();
    // The cap aborted the request: the start settled, nothing is left to hold a process.
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(performance.now() - started).toBeLessThan(2_000);
    await expect(handed[0]).resolves.toBeUndefined();
    expect(fake.acknowledgements).toHaveLength(0);
    expect(events.map((event) => event.type)).toEqual(['requested', 'failed']);
  });
});

describe('smoothStream and a Stop', () => {
  it('acknowledges a prefix of the answer that may hold the few words the transform buffered', async () => {
    const fake = createFakeAdstract();
    const { middleware } = setup(fake);
    const words = Array.from({ length: 40 }, (_, index) => `word${index} `);
    const model = new MockLanguageModel({
      doStream: async () => ({ stream: slowStream(textParts(words), 2) }),
    });
    const controller = new AbortController();
    const result = streamText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
      abortSignal: controller.signal,
      experimental_transform: smoothStream({ delayInMs: 10, chunking: 'word' }),
      providerOptions: { adstract: context },
    });
    let shown = '';
    try {
      for await (const delta of result.textStream) {
        shown += delta;
        if (shown.length >= 50) controller.abort();
      }
    } catch {
      // The abort.
    }
    await middleware.flush();
    const acknowledged = String(fake.acknowledgements[0]?.body.llm_response);
    expect(words.join('').startsWith(acknowledged)).toBe(true);
    expect(acknowledged.startsWith(shown)).toBe(true);
    // The measured gap: what the model had streamed but the transform still held back.
    console.log(
      `smoothStream + Stop: shown ${shown.length} chars, acknowledged ${acknowledged.length}`,
    );
  });
});
