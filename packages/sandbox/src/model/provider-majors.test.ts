import { createOpenAI as createOpenAIV4 } from '@ai-sdk/openai';
import * as aiV7 from 'ai';
import * as aiV5 from 'ai-v5';
import * as aiV6 from 'ai-v6';
import { createOpenAI as createOpenAIV2 } from 'openai-v2';
import { createOpenAI as createOpenAIV3 } from 'openai-v3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildEnhancedPrompt, renderSponsoredMention } from '../ad-instruction.js';
import { WRAPPING_TYPES } from '../wrapping-type.js';
import { isObject } from './conversation.js';
import { type ModelStandIn, startModelStandIn } from './start-model-stand-in.js';

/**
 * The test is written against ai@7's types. ai@5 and ai@6 are cast to them once, here: every call
 * below has the same shape in the three majors (what differs is the provider spec behind the
 * model, which each `createOpenAI` pairs with its own `ai`), and every assertion reads run-time
 * values, so a major that answers differently fails the test rather than the type-check.
 */
type Ai = typeof aiV7;
type CreateOpenAI = typeof createOpenAIV4;

interface Major {
  major: string;
  /** The provider spec the major's models implement. */
  specification: 'v2' | 'v3' | 'v4';
  ai: Ai;
  createOpenAI: CreateOpenAI;
}

const majors: Major[] = [
  {
    major: 'ai@5 + @ai-sdk/openai@2 (LanguageModelV2)',
    specification: 'v2',
    ai: aiV5 as unknown as Ai,
    createOpenAI: createOpenAIV2 as unknown as CreateOpenAI,
  },
  {
    major: 'ai@6 + @ai-sdk/openai@3 (LanguageModelV3)',
    specification: 'v3',
    ai: aiV6 as unknown as Ai,
    createOpenAI: createOpenAIV3 as unknown as CreateOpenAI,
  },
  {
    major: 'ai@7 + @ai-sdk/openai@4 (LanguageModelV4)',
    specification: 'v4',
    ai: aiV7,
    createOpenAI: createOpenAIV4,
  },
];

type Provider = ReturnType<CreateOpenAI>;
const apis: Array<{ api: string; path: string; pick: (provider: Provider) => aiV7.LanguageModel }> =
  [
    { api: 'Responses', path: '/v1/responses', pick: (provider) => provider('gpt-5-mini') },
    {
      api: 'Chat Completions',
      path: '/v1/chat/completions',
      pick: (provider) => provider.chat('gpt-5-mini'),
    },
  ];

const cases = majors.flatMap((major) => apis.map((api) => ({ ...major, ...api })));

let standIn: ModelStandIn;
beforeAll(async () => {
  standIn = await startModelStandIn();
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

const occurrences = (text: string, part: string) => text.split(part).length - 1;
const instruction = {
  productName: 'Wayfarer Travel',
  pitch: 'trips planned in minutes',
  wrappingType: 'xml' as const,
};

describe.each(cases)('$major, $api API', ({ ai, createOpenAI, path, pick, specification }) => {
  const model = () => pick(createOpenAI({ baseURL: standIn.url, apiKey: 'stand-in' }));
  const weatherTool = () =>
    ai.tool({
      description: 'Get the weather for a city',
      inputSchema: ai.jsonSchema<{ city: string }>({
        type: 'object',
        properties: { city: { type: 'string' } },
        required: ['city'],
        additionalProperties: false,
      }),
      execute: async ({ city }) => ({ city, temperatureC: 21 }),
    });

  it('drives a model of its own provider spec', () => {
    const picked = model();
    expect(typeof picked === 'object' && picked.specificationVersion).toBe(specification);
  });

  it('generates and streams a plain answer with its finish reason and usage', async () => {
    const generated = await ai.generateText({ model: model(), prompt: 'What is 2 + 2?' });
    expect(generated.text).toBe('2 + 2 = 4. I hope this helps.');
    expect(generated.finishReason).toBe('stop');
    // The stand-in counts words: 5 in the question, 9 deltas in the answer.
    const usage = { inputTokens: 5, outputTokens: 9, totalTokens: 14 };
    expect(generated.usage).toMatchObject(usage);

    const streamed = ai.streamText({ model: model(), prompt: 'What is 2 + 2?' });
    const deltas: string[] = [];
    for await (const delta of streamed.textStream) deltas.push(delta);
    expect(deltas.join('')).toBe('2 + 2 = 4. I hope this helps.');
    expect(deltas.length).toBeGreaterThan(3);
    expect(await streamed.finishReason).toBe('stop');
    expect(await streamed.usage).toMatchObject(usage);
    expect(standIn.requests).toMatchObject([
      { method: 'POST', path, status: 200 },
      { method: 'POST', path, status: 200, body: { stream: true } },
    ]);
  });

  it.each(WRAPPING_TYPES)(
    'weaves the %s sponsored mention in exactly once, never the instruction',
    async (wrappingType) => {
      const ad = { ...instruction, wrappingType };
      const prompt = buildEnhancedPrompt('Where should I travel in May?', ad);
      const mention = renderSponsoredMention(ad);
      const generated = await ai.generateText({ model: model(), prompt });
      const streamed = await ai.streamText({ model: model(), prompt }).text;
      for (const text of [generated.text, streamed]) {
        expect(occurrences(text, mention)).toBe(1);
        expect(text).toContain('Where should I travel in May?');
        expect(text).not.toContain('Sponsored content instruction');
      }
      expect(streamed).toBe(generated.text);
    },
  );

  it('runs a tool loop: the call, the executed result in the follow-up request, the answer', async () => {
    const prompt = buildEnhancedPrompt('What is the weather for my trip to Lisbon?', instruction);
    const runs = [
      async () => {
        const result = await ai.generateText({
          model: model(),
          prompt,
          tools: { getWeather: weatherTool() },
          stopWhen: ai.stepCountIs(3),
        });
        return { steps: result.steps, text: result.text, finishReason: result.finishReason };
      },
      async () => {
        const result = ai.streamText({
          model: model(),
          prompt,
          tools: { getWeather: weatherTool() },
          stopWhen: ai.stepCountIs(3),
        });
        return {
          steps: await result.steps,
          text: await result.text,
          finishReason: await result.finishReason,
        };
      },
    ];
    for (const run of runs) {
      standIn.reset();
      const { steps, text, finishReason } = await run();
      expect(steps.map((step) => step.finishReason)).toEqual(['tool-calls', 'stop']);
      expect(steps[0]?.toolCalls).toMatchObject([
        { toolName: 'getWeather', input: { city: 'Lisbon' } },
      ]);
      expect(steps[0]?.toolResults).toMatchObject([
        { toolName: 'getWeather', output: { city: 'Lisbon', temperatureC: 21 } },
      ]);
      expect(steps[0]?.usage.outputTokens).toBeGreaterThan(0);
      expect(steps[1]?.usage.outputTokens).toBeGreaterThan(0);
      expect(text).toContain('getWeather returned: city Lisbon, temperatureC 21');
      expect(occurrences(text, renderSponsoredMention(instruction))).toBe(1);
      expect(finishReason).toBe('stop');
      expect(standIn.requests.map((request) => request.status)).toEqual([200, 200]);
      const callId = steps[0]?.toolCalls[0]?.toolCallId;
      expect(callId).toMatch(/^call_/);
      expect(toolResultsSent(standIn.requests[1]?.body)).toEqual([
        { callId, output: { city: 'Lisbon', temperatureC: 21 } },
      ]);
    }
  });

  it('answers structured output with JSON that follows the schema', async () => {
    const schema = ai.jsonSchema<{ city: string; days: number; sunny: boolean }>({
      type: 'object',
      properties: {
        city: { type: 'string' },
        days: { type: 'integer' },
        sunny: { type: 'boolean' },
      },
      required: ['city', 'days', 'sunny'],
      additionalProperties: false,
    });
    const prompt = 'Plan a trip to Lisbon.';
    const generated = await ai.generateObject({ model: model(), schema, prompt });
    expect(generated.object).toEqual({ city: 'Lisbon', days: 1, sunny: true });
    expect(generated.finishReason).toBe('stop');
    expect(generated.usage.outputTokens).toBeGreaterThan(0);

    const streamed = ai.streamObject({ model: model(), schema, prompt });
    const partials: unknown[] = [];
    for await (const partial of streamed.partialObjectStream) partials.push(partial);
    expect(await streamed.object).toEqual({ city: 'Lisbon', days: 1, sunny: true });
    expect(partials.length).toBeGreaterThan(1);
    expect((await streamed.usage).outputTokens).toBeGreaterThan(0);
    for (const request of standIn.requests) {
      expect(jsonSchemaSent(request.body)).toMatchObject({ properties: { days: {} } });
    }
  });

  it('surfaces a model failure (failNext) as an APICallError, and a retry succeeds', async () => {
    standIn.failNext({ status: 500 });
    const failure = await ai
      .generateText({ model: model(), prompt: 'Hi', maxRetries: 0 })
      .catch((error: unknown) => error);
    expect(ai.APICallError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ statusCode: 500, isRetryable: true });

    standIn.failNext({ status: 503 });
    const errors: unknown[] = [];
    const streamed = ai.streamText({
      model: model(),
      prompt: 'Hi',
      maxRetries: 0,
      onError: ({ error }) => void errors.push(error),
    });
    await streamed.consumeStream();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ statusCode: 503 });

    standIn.failNext({ status: 429, count: 1 });
    const retried = await ai.generateText({ model: model(), prompt: 'What is 1 + 1?' });
    expect(retried.text).toBe('1 + 1 = 2. I hope this helps.');
    expect(standIn.requests.map((request) => request.status)).toEqual([500, 503, 429, 200]);
  });
});

/** The tool results a follow-up request carries, in either API's spelling. */
function toolResultsSent(body: unknown): Array<{ callId: unknown; output: unknown }> {
  if (!isObject(body)) return [];
  const items = Array.isArray(body.input)
    ? body.input
    : Array.isArray(body.messages)
      ? body.messages
      : [];
  return items.filter(isObject).flatMap((item) => {
    if (item.type === 'function_call_output') {
      return [{ callId: item.call_id, output: JSON.parse(String(item.output)) as unknown }];
    }
    if (item.role === 'tool') {
      return [{ callId: item.tool_call_id, output: JSON.parse(String(item.content)) as unknown }];
    }
    return [];
  });
}

/** The JSON schema a structured-output request asks for, in either API's spelling. */
function jsonSchemaSent(body: unknown): unknown {
  if (!isObject(body)) return undefined;
  if (isObject(body.text) && isObject(body.text.format)) return body.text.format.schema;
  if (isObject(body.response_format) && isObject(body.response_format.json_schema)) {
    return body.response_format.json_schema.schema;
  }
  return undefined;
}
