import { describe, expect, it } from 'vitest';
import { readChatRequest } from './read-chat-request.js';

describe('readChatRequest', () => {
  it('reads the latest user text, the tool results after it, and the tools', () => {
    const conversation = readChatRequest({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'First question' },
        { role: 'tool', tool_call_id: 'old', content: 'stale' },
        { role: 'user', content: [{ type: 'text', text: 'Weather in Lisbon?' }] },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'getWeather', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temperatureC":21}' },
      ],
      tools: [
        { type: 'function', function: { name: 'getWeather', parameters: { type: 'object' } } },
      ],
      tool_choice: { type: 'function', function: { name: 'getWeather' } },
    });
    expect(conversation).toEqual({
      userText: 'Weather in Lisbon?',
      toolResults: [{ name: 'getWeather', output: '{"temperatureC":21}' }],
      tools: [{ name: 'getWeather', parameters: { type: 'object' } }],
      toolChoice: { name: 'getWeather' },
      allText: expect.stringContaining('Be brief.'),
    });
  });

  it('tolerates a body without messages', () => {
    expect(readChatRequest({})).toMatchObject({
      userText: undefined,
      tools: [],
      toolChoice: 'auto',
    });
  });

  it('reads response_format: a JSON schema, or plain JSON mode', () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } } };
    expect(
      readChatRequest({
        messages: [],
        response_format: { type: 'json_schema', json_schema: { name: 'response', schema } },
      }).jsonFormat,
    ).toEqual({ schema });
    expect(
      readChatRequest({ messages: [], response_format: { type: 'json_object' } }).jsonFormat,
    ).toEqual({ schema: undefined });
    expect(
      readChatRequest({ messages: [], response_format: { type: 'text' } }).jsonFormat,
    ).toBeUndefined();
  });
});
