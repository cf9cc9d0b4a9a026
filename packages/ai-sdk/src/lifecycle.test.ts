import { generateText, streamText, wrapLanguageModel } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { adstractMiddleware } from './adstract-middleware.js';
import type { AdstractOutcomeEvent } from './options.js';
import { createFakeAdstract } from './testing/fake-adstract.js';
import { streamResult, textParts, textResult } from './testing/mock-model.js';
import { VERSION } from './version.js';

const context = { sessionId: 'session-1', userAgent: 'Mozilla/5.0 test', userIp: '203.0.113.7' };

describe('waitUntil and flush', () => {
  it('hands waitUntil a promise that settles only after the acknowledge', async () => {
    const fake = createFakeAdstract({
      onAcknowledge: () => ({
        status: 200,
        delayMs: 50,
        body: { ad_ack_id: 'a', status: 'ok', success: true },
      }),
    });
    const handed: Promise<unknown>[] = [];
    const middleware = adstractMiddleware({
      apiKey: 'adpk_test_0123456789',
      baseURL: 'http://adstract.test',
      fetch: fake.fetch,
      waitUntil: (promise) => handed.push(promise),
    });
    const model = new MockLanguageModelV4({ doStream: streamResult(textParts(['hi'])) });
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
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(settled).toBe(false);
    await handed[0];
    expect(fake.acknowledgements).toHaveLength(1);
  });

  it('flush resolves once the pending acknowledgements are done', async () => {
    const fake = createFakeAdstract({
      onAcknowledge: () => ({
        status: 201,
        delayMs: 30,
        body: { ad_ack_id: 'a', status: 'recoverable_error', success: false },
      }),
    });
    const events: AdstractOutcomeEvent[] = [];
    const middleware = adstractMiddleware({
      apiKey: 'adpk_test_0123456789',
      baseURL: 'http://adstract.test',
      fetch: fake.fetch,
      onError: () => {},
      onOutcome: (event) => events.push(event),
    });
    const model = new MockLanguageModelV4({ doGenerate: textResult('hi') });
    await generateText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'How can I improve user retention?',
      providerOptions: { adstract: context },
    });
    const settledBefore = events.filter((event) => event.type.startsWith('acknowledge')).length;
    await middleware.flush();
    const settledAfter = events.filter((event) => event.type.startsWith('acknowledge'));
    // The acknowledge answer takes 30 ms: it cannot have settled before flush, and must have after.
    expect(settledBefore).toBe(0);
    expect(settledAfter).toHaveLength(1);
    expect(fake.acknowledgements.map((call) => String(call.body.llm_response))).toEqual(['hi']);
  });
});

describe('cache bounds', () => {
  it('acknowledges an answer evicted from a full cache instead of losing it', async () => {
    const fake = createFakeAdstract();
    const middleware = adstractMiddleware({
      apiKey: 'adpk_test_0123456789',
      baseURL: 'http://adstract.test',
      fetch: fake.fetch,
      cache: { maxEntries: 2 },
      continuationTimeoutMs: 60_000,
    });
    const model = new MockLanguageModelV4({
      doGenerate: async () => ({
        ...textResult('waiting'),
        content: [{ type: 'tool-call', toolCallId: 'c', toolName: 'weather', input: '{}' }],
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
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
    // Three messages wait for a next step; the oldest was evicted and acknowledged.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fake.acknowledgements).toHaveLength(1);
    await middleware.flush();
    expect(fake.acknowledgements).toHaveLength(3);
  });
});

describe('version', () => {
  it('matches package.json', () => {
    expect(VERSION).toBe(packageJson.version);
  });
});
