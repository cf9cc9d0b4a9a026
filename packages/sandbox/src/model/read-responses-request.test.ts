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
});
