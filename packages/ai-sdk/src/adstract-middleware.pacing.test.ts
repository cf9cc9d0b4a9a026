import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import {
  generateText,
  jsonSchema,
  type ModelMessage,
  stepCountIs,
  streamText,
  tool,
  wrapLanguageModel,
} from 'ai';
import { describe, expect, it } from 'vitest';
import type { AdstractMiddleware } from './adstract-middleware.js';
import type { AdstractOutcomeEvent } from './options/outcome-event.js';
import type { AdstractPacingOptions } from './pacing/pacing-options.js';
import { createFakeAdstract, emptyReply, filledReply } from './testing/fake-adstract.js';
import {
  finishReason,
  MockLanguageModel,
  streamResult,
  textParts,
  textResult,
  usage,
  userTextSeen,
} from './testing/mock-model.js';
import { setupMiddleware, TEST_CONTEXT } from './testing/test-middleware.js';

/** A model that weaves the ad in, between `<ADS>` markers, when its prompt asks for one. */
function adAwareModel() {
  const answer = (call: LanguageModelV4CallOptions) => {
    const seen = userTextSeen(call);
    return seen.includes('[AD: mention')
      ? `On "${seen.split('\n')[0]}": <ADS>Acme Analytics shows where users drop off.</ADS> Try it.`
      : `On "${seen}": here is a plain answer.`;
  };
  return new MockLanguageModel({
    doStream: async (call) => streamResult(textParts([answer(call)])),
    doGenerate: async (call) => textResult(answer(call)),
  });
}

/** What happened in one turn: an ad, the pacing rule that held it back, or no ad otherwise. */
type TurnResult = 'ad' | 'no-ad' | `paced: ${string}`;

/**
 * A conversation of `turns` user messages through `streamText`, each answer appended to the
 * history as the app would store it (markers and all). `middlewares` serve the turns in turn, as
 * separate serverless instances would.
 */
async function converse(
  middlewares: AdstractMiddleware[],
  events: AdstractOutcomeEvent[],
  turns: number,
): Promise<TurnResult[]> {
  const messages: ModelMessage[] = [];
  const results: TurnResult[] = [];
  for (let turn = 1; turn <= turns; turn++) {
    messages.push({ role: 'user', content: `Question ${turn}` });
    const first = events.length;
    const middleware = middlewares[(turn - 1) % middlewares.length] as AdstractMiddleware;
    const result = streamText({
      model: wrapLanguageModel({ model: adAwareModel(), middleware }),
      messages,
      providerOptions: { adstract: TEST_CONTEXT },
    });
    const text = await result.text;
    await middleware.flush();
    messages.push({ role: 'assistant', content: text });
    const paced = events
      .slice(first)
      .find((event) => event.type === 'skipped' && event.reason === 'paced');
    if (paced?.type === 'skipped' && paced.reason === 'paced') {
      expect(paced.turn).toBe(turn);
      results.push(`paced: ${paced.rule}`);
    } else results.push(text.includes('<ADS>') ? 'ad' : 'no-ad');
  }
  return results;
}

function setup(pacing: AdstractPacingOptions, fake = createFakeAdstract()) {
  const { middleware, events, errors } = setupMiddleware(fake, { pacing });
  return { middleware, events, errors, fake };
}

describe('pacing over a multi-turn conversation', () => {
  it('firstAdAfterTurn: 2 leaves the first two turns without an ad, and sends no start for them', async () => {
    const { middleware, events, fake, errors } = setup({ firstAdAfterTurn: 2 });
    expect(await converse([middleware], events, 4)).toEqual([
      'paced: first-ad-after-turn',
      'paced: first-ad-after-turn',
      'ad',
      'ad',
    ]);
    expect(fake.starts.map((call) => call.body.prompt)).toEqual(['Question 3', 'Question 4']);
    expect(fake.acknowledgements).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it('minTurnsBetweenAds: 1 leaves a turn without an ad after each ad', async () => {
    const { middleware, events, fake } = setup({ minTurnsBetweenAds: 1 });
    expect(await converse([middleware], events, 5)).toEqual([
      'ad',
      'paced: min-turns-between-ads',
      'ad',
      'paced: min-turns-between-ads',
      'ad',
    ]);
    expect(fake.starts).toHaveLength(3);
  });

  it('maxAdsPerConversation: 2 stops after two turns with an ad', async () => {
    const { middleware, events, fake } = setup({ maxAdsPerConversation: 2 });
    expect(await converse([middleware], events, 4)).toEqual([
      'ad',
      'ad',
      'paced: max-ads-per-conversation',
      'paced: max-ads-per-conversation',
    ]);
    expect(fake.starts).toHaveLength(2);
  });

  it('counts only turns that had an ad: a no-fill leaves the next turn free', async () => {
    let starts = 0;
    const fake = createFakeAdstract({
      onStart: (body) => (++starts === 1 ? emptyReply(202) : filledReply(String(body.prompt))),
    });
    const { middleware, events } = setup({ minTurnsBetweenAds: 1, maxAdsPerConversation: 2 }, fake);
    expect(await converse([middleware], events, 6)).toEqual([
      'no-ad',
      'ad',
      'paced: min-turns-between-ads',
      'ad',
      'paced: max-ads-per-conversation',
      'paced: max-ads-per-conversation',
    ]);
  });

  it('holds across instances: three middlewares with no shared state pace one conversation alike', async () => {
    const fake = createFakeAdstract();
    const events: AdstractOutcomeEvent[] = [];
    const instances = [1, 2, 3].map(
      () =>
        setupMiddleware(fake, {
          pacing: { firstAdAfterTurn: 1, minTurnsBetweenAds: 2 },
          onOutcome: (event) => events.push(event),
        }).middleware,
    );
    expect(await converse(instances, events, 7)).toEqual([
      'paced: first-ad-after-turn',
      'ad',
      'paced: min-turns-between-ads',
      'paced: min-turns-between-ads',
      'ad',
      'paced: min-turns-between-ads',
      'paced: min-turns-between-ads',
    ]);
  });

  it('reads the history the app sends: an answer stored without its markers does not count', async () => {
    const { middleware, events } = setup({ maxAdsPerConversation: 1 });
    const model = wrapLanguageModel({ model: adAwareModel(), middleware });
    const history: ModelMessage[] = [
      { role: 'user', content: 'Question 1' },
      { role: 'assistant', content: 'An answer whose app dropped the markers: Acme Analytics.' },
      { role: 'user', content: 'Question 2' },
    ];
    const result = streamText({
      model,
      messages: history,
      providerOptions: { adstract: TEST_CONTEXT },
    });
    expect(await result.text).toContain('<ADS>');
    await middleware.flush();
    expect(events.some((event) => event.type === 'skipped')).toBe(false);
  });

  it('reports a paced generateText call as skipped in its metadata', async () => {
    const { middleware, fake } = setup({ firstAdAfterTurn: 1 });
    const result = await generateText({
      model: wrapLanguageModel({ model: adAwareModel(), middleware }),
      prompt: 'Question 1',
      providerOptions: { adstract: TEST_CONTEXT },
    });
    expect(result.providerMetadata?.adstract).toEqual({ status: 'skipped' });
    expect(fake.starts).toEqual([]);
  });

  it('decides a tool loop once for the turn: the turn’s own steps are not an earlier turn', async () => {
    const weather = tool({
      inputSchema: jsonSchema<{ city: string }>({
        type: 'object',
        properties: { city: { type: 'string' } },
        required: ['city'],
      }),
      execute: async ({ city }) => ({ city, temperature: 21 }),
    });
    const steps = () =>
      new MockLanguageModel({
        doStream: [
          streamResult([
            { type: 'stream-start', warnings: [] },
            { type: 'text-start', id: 't' },
            { type: 'text-delta', id: 't', delta: 'Checking. <ADS>Acme Analytics</ADS>' },
            { type: 'text-end', id: 't' },
            {
              type: 'tool-call',
              toolCallId: 'c1',
              toolName: 'weather',
              input: '{"city":"Lisbon"}',
            },
            { type: 'finish', finishReason: finishReason('tool-calls'), usage },
          ]),
          streamResult(textParts(['It is 21°C.'])),
        ],
      });
    const run = async (middleware: AdstractMiddleware, messages: ModelMessage[]) => {
      const result = streamText({
        model: wrapLanguageModel({ model: steps(), middleware }),
        messages,
        tools: { weather },
        stopWhen: stepCountIs(3),
        providerOptions: { adstract: TEST_CONTEXT },
      });
      await result.consumeStream();
      await middleware.flush();
    };

    // Turn 1, at most one ad: step 2 sees step 1's ad in its own turn, and still reuses the ad.
    const allowed = setup({ maxAdsPerConversation: 1 });
    await run(allowed.middleware, [{ role: 'user', content: 'Weather in Lisbon?' }]);
    expect(allowed.fake.starts).toHaveLength(1);
    expect(allowed.fake.acknowledgements).toHaveLength(1);
    expect(allowed.events.filter((event) => event.type === 'skipped')).toEqual([]);

    // Turn 2, right after a turn with an ad: every step of it is paced, no start.
    const paced = setup({ minTurnsBetweenAds: 1 });
    await run(paced.middleware, [
      { role: 'user', content: 'Question 1' },
      { role: 'assistant', content: 'Sure. <ADS>Acme Analytics</ADS>' },
      { role: 'user', content: 'Weather in Lisbon?' },
    ]);
    expect(paced.fake.starts).toEqual([]);
    expect(paced.events.filter((event) => event.type === 'skipped')).toEqual([
      { type: 'skipped', reason: 'paced', rule: 'min-turns-between-ads', turn: 2 },
      { type: 'skipped', reason: 'paced', rule: 'min-turns-between-ads', turn: 2 },
    ]);
  });
});
