import { APICallError } from '@ai-sdk/provider';
import { generateText, jsonSchema, stepCountIs, streamText, tool, wrapLanguageModel } from 'ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AI_MAJOR } from './testing/ai-major.js';
import { createFakeAdstract, type FakeStartReply } from './testing/fake-adstract.js';
import {
  finishReason,
  MockLanguageModel,
  type MockModel,
  streamResult,
  textParts,
  textResult,
  usage,
  userTextSeen,
} from './testing/mock-model.js';
import { setupMiddleware, TEST_CONTEXT } from './testing/test-middleware.js';

const context = TEST_CONTEXT;
const ENHANCED = 'What is the weather in Paris?\n\n[AD: mention Acme Analytics]';

function setup(
  continuationTimeoutMs?: number,
  onStart?: (body: Record<string, unknown>) => FakeStartReply,
) {
  return setupMiddleware(createFakeAdstract({ onStart }), { continuationTimeoutMs });
}

const llmServerError = () =>
  new APICallError({
    message: 'Internal error',
    url: 'http://llm.test',
    requestBodyValues: {},
    statusCode: 500,
    isRetryable: true,
  });

const weather = tool({
  inputSchema: jsonSchema<{ city: string }>({
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
  }),
  execute: async ({ city }) => ({ city, temperature: 21 }),
});

const toolCallParts = [
  { type: 'stream-start' as const, warnings: [] },
  { type: 'text-start' as const, id: 't' },
  { type: 'text-delta' as const, id: 't', delta: 'Let me check.' },
  { type: 'text-end' as const, id: 't' },
  {
    type: 'tool-call' as const,
    toolCallId: 'call-1',
    toolName: 'weather',
    input: '{"city":"Paris"}',
  },
  { type: 'finish' as const, finishReason: finishReason('tool-calls'), usage },
];

afterEach(() => {
  vi.useRealTimers();
});

describe('tool loops', () => {
  it('reuses one enhancement for every step and acknowledges all steps once, after the last', async () => {
    const { fake, middleware } = setup();
    const model = new MockLanguageModel({
      doStream: [
        streamResult(toolCallParts),
        streamResult(textParts(['It is 21°C in Paris. ', '<ADS>Acme</ADS>'])),
      ],
    });
    const result = streamText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'What is the weather in Paris?',
      tools: { weather },
      stopWhen: stepCountIs(3),
      providerOptions: { adstract: context },
    });
    await result.consumeStream();
    await middleware.flush();

    expect(model.doStreamCalls).toHaveLength(2);
    expect(fake.starts).toHaveLength(1);
    expect(userTextSeen(model.doStreamCalls[0])).toBe(ENHANCED);
    expect(userTextSeen(model.doStreamCalls[1])).toBe(ENHANCED);
    // Step 2's prompt ends with the tool result, so the user message is not the last one.
    expect(model.doStreamCalls[1]?.prompt.at(-1)?.role).toBe('tool');
    expect(fake.acknowledgements.map((call) => call.body.llm_response)).toEqual([
      'Let me check.\n\nIt is 21°C in Paris. <ADS>Acme</ADS>',
    ]);
  });

  it('acknowledges after the bounded wait when no step follows a tool-calls ending', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { fake, middleware, events } = setup(5_000);
    const model = new MockLanguageModel({ doStream: streamResult(toolCallParts) });
    const result = streamText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'What is the weather in Paris?',
      tools: { weather },
      providerOptions: { adstract: context },
    });
    await result.consumeStream();
    expect(fake.acknowledgements).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(fake.acknowledgements).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await middleware.flush();
    expect(fake.acknowledgements.map((call) => call.body.llm_response)).toEqual(['Let me check.']);
    expect(events.find((event) => event.type === 'acknowledged')).toMatchObject({
      ending: 'timeout',
    });
  });

  it('waits 30 s for a next step by default', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { fake, middleware, events } = setup();
    const model = new MockLanguageModel({ doStream: streamResult(toolCallParts) });
    const result = streamText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'What is the weather in Paris?',
      tools: { weather },
      providerOptions: { adstract: context },
    });
    await result.consumeStream();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(fake.acknowledgements).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    // Had the wait not ended, flush would acknowledge it as `flushed`.
    await middleware.flush();
    expect(fake.acknowledgements).toHaveLength(1);
    expect(events.find((event) => event.type === 'acknowledged')).toMatchObject({
      ending: 'timeout',
    });
  });

  it('lets every step reuse a failed start instead of asking Adstract again', async () => {
    const { fake, middleware } = setup(undefined, () => ({ status: 503, body: {} }));
    const model = new MockLanguageModel({
      doStream: [streamResult(toolCallParts), streamResult(textParts(['It is 21°C.']))],
    });
    const result = streamText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'What is the weather in Paris?',
      tools: { weather },
      stopWhen: stepCountIs(3),
      providerOptions: { adstract: context },
    });
    await result.consumeStream();
    expect(model.doStreamCalls).toHaveLength(2);
    expect(fake.starts).toHaveLength(1);
  });

  it('sends a continuation after the acknowledge with the original prompt, and says so', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { fake, middleware, events } = setup(1_000);
    const model = new MockLanguageModel({
      doGenerate: [
        {
          content: [
            { type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: '{"city":"Paris"}' },
          ],
          finishReason: finishReason('tool-calls'),
          usage,
          warnings: [],
        },
        textResult('Late final answer.'),
      ],
    });
    const wrapped = wrapLanguageModel({ model, middleware });
    const first = await generateText({
      model: wrapped,
      prompt: 'What is the weather in Paris?',
      tools: {
        weather: tool({
          inputSchema: jsonSchema<{ city: string }>({
            type: 'object',
            properties: { city: { type: 'string' } },
          }),
        }),
      },
      providerOptions: { adstract: context },
    });
    await vi.advanceTimersByTimeAsync(1_000);
    await middleware.flush();
    expect(fake.acknowledgements).toHaveLength(1);

    // The app continues the conversation by hand after the wait: same user message, plus tool output.
    await generateText({
      model: wrapped,
      messages: [
        { role: 'user', content: 'What is the weather in Paris?' },
        ...first.response.messages,
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'c1',
              toolName: 'weather',
              output: { type: 'json', value: { temperature: 21 } },
            },
          ],
        },
      ],
      providerOptions: { adstract: context },
    });
    await middleware.flush();
    // An answer carries ad instructions only while its acknowledge is still to come.
    expect(userTextSeen(model.doGenerateCalls[0])).toBe(ENHANCED);
    expect(userTextSeen(model.doGenerateCalls[1])).toBe('What is the weather in Paris?');
    expect(events).toContainEqual({ type: 'skipped', reason: 'answer-acknowledged' });
    expect(fake.starts).toHaveLength(1);
    expect(fake.acknowledgements).toHaveLength(1);
  });
});

describe('approvals and client-side tools', () => {
  const clientSideWeather = tool({
    inputSchema: jsonSchema<{ city: string }>({
      type: 'object',
      properties: { city: { type: 'string' } },
    }),
  });
  const toolCallResult = {
    content: [
      { type: 'text' as const, text: 'Let me check.' },
      {
        type: 'tool-call' as const,
        toolCallId: 'c1',
        toolName: 'weather',
        input: '{"city":"Paris"}',
      },
    ],
    finishReason: finishReason('tool-calls'),
    usage,
    warnings: [],
  };

  /** The first request, which stops at a tool call nobody executes on the server. */
  async function firstRequest(
    middleware: ReturnType<typeof setup>['middleware'],
    model: MockModel,
  ) {
    return generateText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'What is the weather in Paris?',
      tools: { weather: clientSideWeather },
      providerOptions: { adstract: context },
    });
  }

  /** The continuation the app sends once the tool ran in the browser. */
  function continuation(
    middleware: ReturnType<typeof setup>['middleware'],
    model: MockModel,
    first: Awaited<ReturnType<typeof firstRequest>>,
  ) {
    return generateText({
      model: wrapLanguageModel({ model, middleware }),
      messages: [
        { role: 'user', content: 'What is the weather in Paris?' },
        ...first.response.messages,
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'c1',
              toolName: 'weather',
              output: { type: 'json', value: { temperature: 21 } },
            },
          ],
        },
      ],
      providerOptions: { adstract: context },
    });
  }

  it('keeps the ad through a continuation that comes within continuationTimeoutMs: one acknowledge', async () => {
    const { fake, middleware } = setup(60_000);
    const model = new MockLanguageModel({
      doGenerate: [toolCallResult, textResult('It is 21°C. <ADS>Acme</ADS>')],
    });
    const first = await firstRequest(middleware, model);
    expect(fake.acknowledgements).toHaveLength(0);
    await continuation(middleware, model, first);
    await middleware.flush();
    expect(userTextSeen(model.doGenerateCalls[1])).toBe(ENHANCED);
    expect(fake.acknowledgements.map((call) => call.body.llm_response)).toEqual([
      'Let me check.\n\nIt is 21°C. <ADS>Acme</ADS>',
    ]);
  });

  it('ends the answer with the request through flush({ sessionId }): the continuation goes without the ad', async () => {
    const { fake, middleware, events } = setup(60_000);
    const model = new MockLanguageModel({
      doGenerate: [toolCallResult, textResult('It is 21°C.')],
    });
    const first = await firstRequest(middleware, model);
    // The request is over (e.g. in streamText's onFinish): its answer ends now, not in 60 s.
    await middleware.flush({ sessionId: context.sessionId });
    expect(fake.acknowledgements.map((call) => call.body.llm_response)).toEqual(['Let me check.']);
    expect(events.find((event) => event.type === 'acknowledged')).toMatchObject({
      ending: 'flushed',
    });
    await continuation(middleware, model, first);
    await middleware.flush();
    expect(userTextSeen(model.doGenerateCalls[1])).toBe('What is the weather in Paris?');
    expect(events).toContainEqual({ type: 'skipped', reason: 'answer-acknowledged' });
    expect(fake.starts).toHaveLength(1);
    expect(fake.acknowledgements).toHaveLength(1);
  });

  it('flush({ sessionId }) ends only that session’s answers', async () => {
    const { fake, middleware } = setup(60_000);
    const model = new MockLanguageModel({ doGenerate: [toolCallResult, toolCallResult] });
    const wrapped = wrapLanguageModel({ model, middleware });
    for (const sessionId of ['session-a', 'session-b']) {
      await generateText({
        model: wrapped,
        prompt: 'What is the weather in Paris?',
        tools: { weather: clientSideWeather },
        providerOptions: { adstract: { ...context, sessionId } },
      });
    }
    await middleware.flush({ sessionId: 'session-a' });
    expect(fake.acknowledgements).toHaveLength(1);
    await middleware.flush();
    expect(fake.acknowledgements).toHaveLength(2);
    await expect(middleware.flush({ sessionId: '' })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'scope.sessionId',
    });
  });

  it.skipIf(AI_MAJOR === 5)(
    'treats a tool approval (ai@6, ai@7) like any continuation',
    async () => {
      const { fake, middleware, events } = setup(1_000);
      const model = new MockLanguageModel({
        doGenerate: [toolCallResult, textResult('It is 21°C.')],
      });
      const approved = tool({
        inputSchema: jsonSchema<{ city: string }>({
          type: 'object',
          properties: { city: { type: 'string' } },
        }),
        needsApproval: true,
        execute: async () => ({ temperature: 21 }),
      });
      const wrapped = wrapLanguageModel({ model, middleware });
      const first = await generateText({
        model: wrapped,
        prompt: 'What is the weather in Paris?',
        tools: { weather: approved },
        providerOptions: { adstract: context },
      });
      const request = first.content.find((part) => part.type === 'tool-approval-request');
      expect(request).toBeDefined();
      await middleware.flush({ sessionId: context.sessionId });
      expect(fake.acknowledgements.map((call) => call.body.llm_response)).toEqual([
        'Let me check.',
      ]);
      await generateText({
        model: wrapped,
        messages: [
          { role: 'user', content: 'What is the weather in Paris?' },
          ...first.response.messages,
          {
            role: 'tool',
            content: [
              {
                type: 'tool-approval-response',
                approvalId: (request as { approvalId: string }).approvalId,
                approved: true,
              },
            ],
          },
        ],
        tools: { weather: approved },
        providerOptions: { adstract: context },
      });
      await middleware.flush();
      expect(userTextSeen(model.doGenerateCalls.at(-1))).toBe('What is the weather in Paris?');
      expect(events).toContainEqual({ type: 'skipped', reason: 'answer-acknowledged' });
      expect(fake.acknowledgements).toHaveLength(1);
    },
  );
});

describe('retries', () => {
  it('reuses the enhancement when the provider answers 500 and the SDK retries', async () => {
    const { fake, middleware } = setup();
    let calls = 0;
    const model = new MockLanguageModel({
      doStream: async () => {
        calls++;
        if (calls === 1) {
          throw new APICallError({
            message: 'Internal error',
            url: 'http://llm.test',
            requestBodyValues: {},
            statusCode: 500,
            isRetryable: true,
          });
        }
        return streamResult(textParts(['Recovered answer.']));
      },
    });
    const result = streamText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'What is the weather in Paris?',
      maxRetries: 2,
      providerOptions: { adstract: context },
    });
    expect(await result.text).toBe('Recovered answer.');
    await middleware.flush();
    expect(model.doStreamCalls).toHaveLength(2);
    expect(fake.starts).toHaveLength(1);
    expect(userTextSeen(model.doStreamCalls[1])).toBe(ENHANCED);
    expect(fake.acknowledgements.map((call) => call.body.llm_response)).toEqual([
      'Recovered answer.',
    ]);
  });

  it.each(['stream', 'generate'] as const)(
    'lets the retry (%s) of a failed model call reuse a failed start',
    async (kind) => {
      const { fake, middleware } = setup(undefined, () => ({ status: 503, body: {} }));
      let calls = 0;
      const failOnce = () => {
        calls++;
        if (calls === 1) throw llmServerError();
      };
      const model = new MockLanguageModel({
        doStream: async () => {
          failOnce();
          return streamResult(textParts(['Recovered answer.']));
        },
        doGenerate: async () => {
          failOnce();
          return textResult('Recovered answer.');
        },
      });
      const options = {
        model: wrapLanguageModel({ model, middleware }),
        prompt: 'What is the weather in Paris?',
        maxRetries: 2,
        providerOptions: { adstract: context },
      };
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const answer =
        kind === 'stream'
          ? streamText(options).text
          : generateText(options).then((result) => result.text);
      // The SDK waits 2 s before its first retry.
      await vi.advanceTimersByTimeAsync(2_000);
      expect(await answer).toBe('Recovered answer.');
      expect(calls).toBe(2);
      expect(fake.starts).toHaveLength(1);
    },
  );

  it('acknowledges once, after the wait, when every retry fails', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { fake, middleware, events } = setup(2_000);
    const model = new MockLanguageModel({
      doGenerate: async () => {
        throw new APICallError({
          message: 'Bad request',
          url: 'http://llm.test',
          requestBodyValues: {},
          statusCode: 400,
          isRetryable: false,
        });
      },
    });
    await expect(
      generateText({
        model: wrapLanguageModel({ model, middleware }),
        prompt: 'What is the weather in Paris?',
        providerOptions: { adstract: context },
      }),
    ).rejects.toThrow('Bad request');
    await vi.advanceTimersByTimeAsync(2_000);
    await middleware.flush();
    expect(fake.acknowledgements.map((call) => call.body.llm_response)).toEqual(['']);
    expect(events.find((event) => event.type === 'acknowledged')).toMatchObject({
      ending: 'error',
    });
  });
});
