import { describe, expect, it } from 'vitest';
import { readResponsesRequest } from './read-responses-request.js';

describe('readResponsesRequest', () => {
  it('reads string input', () => {
    expect(readResponsesRequest({ input: 'Hi', instructions: 'Be brief.' })).toMatchObject({
      userText: 'Hi',
      toolResults: [],
      allText: 'Be brief.\nHi',
    });
  });

  it('reads items: messages, function calls and outputs, skipping references', () => {
    const conversation = readResponsesRequest({
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 'Weather in Lisbon?' }] },
        { type: 'item_reference', id: 'msg_1' },
        { type: 'function_call', call_id: 'call_1', name: 'getWeather', arguments: '{}' },
        { type: 'function_call_output', call_id: 'call_1', output: '{"temperatureC":21}' },
        {
          type: 'function_call_output',
          call_id: 'call_2',
          output: [{ type: 'input_text', text: 'x' }],
        },
      ],
      tools: [{ type: 'function', name: 'getWeather', parameters: {} }, { type: 'web_search' }],
      tool_choice: 'required',
    });
    expect(conversation).toMatchObject({
      userText: 'Weather in Lisbon?',
      toolResults: [
        { name: 'getWeather', output: '{"temperatureC":21}' },
        { name: undefined, output: 'x' },
      ],
      tools: [{ name: 'getWeather', parameters: {} }],
      toolChoice: 'required',
    });
  });

  it('resolves item references to stored items, and reads the JSON format', () => {
    const stored: Record<string, Record<string, unknown>> = {
      fc_1: { type: 'function_call', call_id: 'call_1', name: 'getWeather', arguments: '{}' },
    };
    const conversation = readResponsesRequest(
      {
        input: [
          { role: 'user', content: 'Weather in Lisbon?' },
          { type: 'item_reference', id: 'fc_1' },
          { type: 'item_reference', id: 'fc_unknown' },
          { type: 'function_call_output', call_id: 'call_1', output: '{"temperatureC":21}' },
        ],
        text: { format: { type: 'json_schema', name: 'weather', schema: { type: 'object' } } },
      },
      (id) => stored[id],
    );
    expect(conversation).toMatchObject({
      toolResults: [{ name: 'getWeather', output: '{"temperatureC":21}' }],
      jsonFormat: { schema: { type: 'object' } },
    });
    expect(readResponsesRequest({ input: 'Hi', text: { format: { type: 'text' } } })).toMatchObject(
      {
        jsonFormat: undefined,
      },
    );
  });
});
