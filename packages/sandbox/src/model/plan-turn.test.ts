import { describe, expect, it } from 'vitest';
import { buildEnhancedPrompt } from '../ad-instruction.js';
import type { Conversation } from './conversation.js';
import { planTurn } from './plan-turn.js';

const conversation = (overrides: Partial<Conversation>): Conversation => ({
  userText: undefined,
  toolResults: [],
  tools: [],
  toolChoice: 'auto',
  allText: '',
  ...overrides,
});
const weatherTool = {
  name: 'getWeather',
  parameters: { type: 'object', properties: { city: { type: 'string' } } },
};
const userText = buildEnhancedPrompt('Weather in Lisbon?', {
  productName: 'Wayfarer Travel',
  pitch: 'plans trips',
  wrappingType: 'plain',
});

describe('planTurn', () => {
  it('calls a fitting tool first, judging by the question without the instruction', () => {
    expect(planTurn(conversation({ userText, tools: [weatherTool] }))).toEqual({
      kind: 'tool-call',
      name: 'getWeather',
      arguments: '{"city":"Lisbon"}',
    });
  });

  it('answers with the result and the ad once the tool result is back', () => {
    const turn = planTurn(
      conversation({
        userText,
        tools: [weatherTool],
        toolResults: [{ name: 'getWeather', output: '{"sky":"clear"}' }],
      }),
    );
    expect(turn).toEqual({
      kind: 'text',
      text: 'Here is what getWeather returned: sky clear. Sponsored: Wayfarer Travel: plans trips. ˼ I hope this helps.',
    });
  });

  it('answers something without a user message', () => {
    expect(planTurn(conversation({}))).toMatchObject({ kind: 'text' });
  });
});

describe('planTurn with structured output', () => {
  it('answers JSON that follows the schema, without the sponsored mention', () => {
    const turn = planTurn(
      conversation({
        userText,
        jsonFormat: { schema: { type: 'object', properties: { city: { type: 'string' } } } },
      }),
    );
    expect(turn).toEqual({ kind: 'text', text: '{"city":"Lisbon"}' });
  });

  it('still calls a fitting tool first', () => {
    expect(
      planTurn(conversation({ userText, tools: [weatherTool], jsonFormat: { schema: undefined } })),
    ).toMatchObject({ kind: 'tool-call', name: 'getWeather' });
  });
});
