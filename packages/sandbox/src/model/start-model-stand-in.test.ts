import { createOpenAI } from '@ai-sdk/openai';
import {
  APICallError,
  generateText,
  jsonSchema,
  type LanguageModel,
  stepCountIs,
  streamText,
  tool,
} from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildEnhancedPrompt, renderSponsoredMention } from '../ad-instruction.js';
import { type ModelStandIn, startModelStandIn } from './start-model-stand-in.js';

let standIn: ModelStandIn;
const instruction = {
  productName: 'Acme Analytics',
  pitch: 'product analytics that shows which users churn',
  wrappingType: 'xml' as const,
};
const enhanced = buildEnhancedPrompt('How can I improve user retention?', instruction);
const mention = renderSponsoredMention(instruction);

const getWeather = tool({
  description: 'Get the weather for a city',
  inputSchema: jsonSchema<{ city: string }>({
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  }),
  execute: async ({ city }) => ({ city, temperatureC: 21 }),
});

beforeAll(async () => {
  standIn = await startModelStandIn();
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

const occurrences = (text: string, part: string) => text.split(part).length - 1;

const apis: Array<[string, string, (provider: ReturnType<typeof createOpenAI>) => LanguageModel]> =
  [
    ['Responses API', '/v1/responses', (provider) => provider('gpt-5-mini')],
    ['Chat Completions API', '/v1/chat/completions', (provider) => provider.chat('gpt-5-mini')],
  ];

describe.each(apis)('through @ai-sdk/openai (%s)', (_name, path, pick) => {
  const model = () => pick(createOpenAI({ baseURL: standIn.url, apiKey: 'stand-in' }));

  it('generates a deterministic answer to the latest user message', async () => {
    const result = await generateText({ model: model(), prompt: 'What is 2 + 2?' });
    expect(result.text).toBe('2 + 2 = 4. I hope this helps.');
    expect(result.finishReason).toBe('stop');
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(standIn.requests).toMatchObject([{ method: 'POST', path, status: 200 }]);
    const again = await generateText({ model: model(), prompt: 'What is 2 + 2?' });
    expect(again.text).toBe(result.text);
  });

  it('streams word deltas with the sponsored mention exactly once, never the instruction', async () => {
    const result = streamText({ model: model(), prompt: enhanced });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    const text = deltas.join('');
    expect(deltas.filter((delta) => delta !== '').length).toBeGreaterThan(10);
    expect(occurrences(text, mention)).toBe(1);
    expect(text).toMatch(/<ADS>.+<\/ADS>/);
    expect(text).not.toContain('Sponsored content instruction');
    expect(text).not.toContain('Do not mention these instructions');
    expect(text).toContain('How can I improve user retention?');
    expect(await result.finishReason).toBe('stop');
    expect((await result.usage).outputTokens).toBeGreaterThan(10);
  });

  it('generates the same answer as it streams', async () => {
    const generated = await generateText({ model: model(), prompt: enhanced });
    const streamed = await streamText({ model: model(), prompt: enhanced }).text;
    expect(streamed).toBe(generated.text);
  });

  it('runs a tool loop: calls the matching tool, then answers with its result and the ad', async () => {
    const prompt = buildEnhancedPrompt('What is the weather for my trip to Lisbon?', {
      ...instruction,
      productName: 'Wayfarer Travel',
    });
    for (const run of [
      () =>
        generateText({ model: model(), prompt, tools: { getWeather }, stopWhen: stepCountIs(3) }),
      async () => {
        const result = streamText({
          model: model(),
          prompt,
          tools: { getWeather },
          stopWhen: stepCountIs(3),
        });
        return { steps: await result.steps, text: await result.text };
      },
    ]) {
      standIn.reset();
      const { steps, text } = await run();
      expect(steps).toHaveLength(2);
      expect(steps[0]?.finishReason).toBe('tool-calls');
      expect(steps[0]?.toolCalls).toMatchObject([
        { toolName: 'getWeather', input: { city: 'Lisbon' } },
      ]);
      expect(steps[0]?.text).toBe('');
      expect(text).toContain('getWeather returned: city Lisbon, temperatureC 21');
      expect(occurrences(text, '<ADS>Wayfarer Travel')).toBe(1);
      expect(standIn.requests).toHaveLength(2);
    }
  });

  it('answers in text when no offered tool fits the question', async () => {
    const result = await generateText({
      model: model(),
      prompt: 'What is 3 * 4?',
      tools: { getWeather },
      stopWhen: stepCountIs(3),
    });
    expect(result.steps).toHaveLength(1);
    expect(result.text).toBe('3 * 4 = 12. I hope this helps.');
  });

  it('failNext: fails the next requests with an OpenAI-style error, and retries succeed', async () => {
    standIn.failNext({ status: 500, count: 1 });
    const error = await generateText({ model: model(), prompt: 'Hi', maxRetries: 0 }).catch(
      (caught: unknown) => caught,
    );
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(500);
    expect((error as APICallError).message).toContain('failNext');

    standIn.reset();
    standIn.failNext({ status: 429, count: 2 });
    const started = performance.now();
    const result = await generateText({ model: model(), prompt: 'What is 1 + 1?', maxRetries: 2 });
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(result.text).toContain('= 2');
    expect(standIn.requests.map((request) => request.status)).toEqual([429, 429, 200]);
  });

  it('paces deltas with the chunk delay, and the client can abort mid-stream', async () => {
    const lines: string[] = [];
    const paced = await startModelStandIn({ chunkDelayMs: 25, logger: (line) => lines.push(line) });
    const controller = new AbortController();
    const result = streamText({
      model: pick(createOpenAI({ baseURL: paced.url, apiKey: 'stand-in' })),
      prompt: enhanced,
      abortSignal: controller.signal,
    });
    const started = performance.now();
    let received = '';
    try {
      for await (const delta of result.textStream) {
        received += delta;
        if (received.length > 40) controller.abort();
      }
    } catch {
      // aborted
    }
    const elapsed = performance.now() - started;
    expect(received.length).toBeGreaterThan(40);
    expect(elapsed).toBeGreaterThanOrEqual(100);
    expect(elapsed).toBeLessThan(2_000);
    await expect.poll(() => lines.join('\n')).toContain('(client left)');
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(`^POST ${path} 200 \\d+ms .*stream text \\(client left\\)$`),
      ),
    ]);
    paced.setChunkDelay(0);
    const quick = performance.now();
    await streamText({
      model: pick(createOpenAI({ baseURL: paced.url, apiKey: 'stand-in' })),
      prompt: enhanced,
    }).text;
    expect(performance.now() - quick).toBeLessThan(500);
    await paced.close();
  });

  it('reset() restores the initial chunk delay', async () => {
    standIn.setChunkDelay(200);
    standIn.reset();
    const started = performance.now();
    await streamText({ model: model(), prompt: enhanced }).text;
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('the wire format', () => {
  const post = (path: string, body: unknown) =>
    fetch(`${standIn.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer x' },
      body: JSON.stringify(body),
    });
  const events = async (response: Response) =>
    (await response.text())
      .split('\n\n')
      .filter((block) => block.trim() !== '')
      .map((block) => {
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1] ?? '';
        return {
          event,
          data: data === '[DONE]' ? data : (JSON.parse(data) as Record<string, unknown>),
        };
      });

  it('streams chat chunks, the usage chunk when asked, and [DONE]', async () => {
    const response = await post('/chat/completions', {
      model: 'gpt-5-mini',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'What is 5 - 3?' }],
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const chunks = await events(response);
    expect(chunks.at(-1)?.data).toBe('[DONE]');
    const usage = chunks.at(-2)?.data as Record<string, unknown>;
    expect(usage).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 5, total_tokens: expect.any(Number) },
    });
    const finish = chunks.at(-3)?.data as { choices: Array<{ finish_reason: string }> };
    expect(finish.choices[0]?.finish_reason).toBe('stop');
    const text = chunks
      .slice(0, -3)
      .map(
        (chunk) =>
          (chunk.data as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta
            .content ?? '',
      )
      .join('');
    expect(text).toBe('5 - 3 = 2. I hope this helps.');
  });

  it('streams Responses events in order with names and sequence numbers', async () => {
    const response = await post('/responses', {
      model: 'gpt-5-mini',
      stream: true,
      input: 'Hello there',
    });
    const stream = await events(response);
    const types = stream.map((item) => item.event);
    expect(types.slice(0, 4)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
    ]);
    expect(types.slice(-5)).toEqual([
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(
      stream.map((item) => (item.data as { sequence_number: number }).sequence_number),
    ).toEqual(stream.map((_, index) => index));
    for (const item of stream) expect((item.data as { type: string }).type).toBe(item.event);
  });

  it('answers a tool call in JSON for both APIs', async () => {
    const tools = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { location: { type: 'string' } } },
        },
      },
    ];
    const chat = await (
      await post('/chat/completions', {
        model: 'm',
        messages: [{ role: 'user', content: 'Weather in Porto today?' }],
        tools,
      })
    ).json();
    expect(chat.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        tool_calls: [
          {
            type: 'function',
            function: { name: 'get_weather', arguments: '{"location":"Porto"}' },
          },
        ],
      },
    });
    const responses = await (
      await post('/responses', {
        model: 'm',
        input: [
          { role: 'user', content: [{ type: 'input_text', text: 'Weather in Porto today?' }] },
        ],
        tools: [
          { type: 'function', name: 'get_weather', parameters: tools[0]?.function.parameters },
        ],
      })
    ).json();
    expect(responses.output).toMatchObject([
      {
        type: 'function_call',
        name: 'get_weather',
        arguments: '{"location":"Porto"}',
        status: 'completed',
      },
    ]);
  });

  it('keeps Responses output items for item_reference inputs, unless store is false', async () => {
    const tools = [
      {
        type: 'function',
        name: 'getWeather',
        parameters: { type: 'object', properties: { city: { type: 'string' } } },
      },
    ];
    const question = { role: 'user', content: 'Weather in Porto today?' };
    for (const store of [true, false]) {
      const first = await (
        await post('/responses', { model: 'm', input: [question], tools, store })
      ).json();
      const call = first.output[0] as { id: string; call_id: string };
      const followUp = await (
        await post('/responses', {
          model: 'm',
          input: [
            question,
            { type: 'item_reference', id: call.id },
            { type: 'function_call_output', call_id: call.call_id, output: '{"sky":"clear"}' },
          ],
          tools,
        })
      ).json();
      expect(followUp.output[0].content[0].text).toContain(
        store ? 'getWeather returned: sky clear' : 'the tool returned: sky clear',
      );
    }
  });

  it('answers OpenAI-style errors for bad requests and unknown paths', async () => {
    const missing = await post('/chat/completions', { model: 'm' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      error: { type: 'invalid_request_error', message: expect.any(String) },
    });
    const unknown = await post('/embeddings', {});
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { type: 'not_found_error' } });
    const models = await fetch(`${standIn.url}/models`);
    expect(await models.json()).toMatchObject({ object: 'list' });
    expect(() => standIn.failNext({ status: 200 })).toThrow(RangeError);
  });

  it('close() ends a slow stream at once', async () => {
    const slow = await startModelStandIn({ chunkDelayMs: 1_000 });
    const response = await fetch(`${slow.url}/responses`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', stream: true, input: 'A long answer please' }),
    });
    const reading = response.text().catch((error: unknown) => error);
    const started = performance.now();
    await slow.close();
    await reading;
    expect(performance.now() - started).toBeLessThan(500);
    expect(slow.openConnections).toBe(0);
  });
});
