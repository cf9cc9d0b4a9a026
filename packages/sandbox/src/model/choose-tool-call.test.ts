import { describe, expect, it } from 'vitest';
import { chooseToolCall, deriveArguments, properNoun, toolNameWords } from './choose-tool-call.js';

const weather = {
  name: 'getWeather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const flights = { name: 'search_flights', parameters: { type: 'object', properties: {} } };

describe('toolNameWords', () => {
  it('keeps the topic words of a tool name', () => {
    expect(toolNameWords('getWeather')).toEqual(['weather']);
    expect(toolNameWords('search_flights')).toEqual(['flights']);
    expect(toolNameWords('fetch-current-stock-price')).toEqual(['stock', 'price']);
  });
});

describe('chooseToolCall', () => {
  it('calls the tool whose name the question mentions, with a place from the question', () => {
    expect(
      chooseToolCall('What is the weather for my trip to Lisbon?', [flights, weather], 'auto'),
    ).toEqual({
      name: 'getWeather',
      arguments: '{"city":"Lisbon"}',
    });
    expect(chooseToolCall('Any flight to Rome?', [weather, flights], 'auto')?.name).toBe(
      'search_flights',
    );
  });

  it('respects tool_choice', () => {
    expect(chooseToolCall('Weather?', [weather], 'none')).toBeUndefined();
    expect(chooseToolCall('Hello', [weather], 'auto')).toBeUndefined();
    expect(chooseToolCall('Hello', [weather], 'required')?.name).toBe('getWeather');
    expect(chooseToolCall('Weather?', [weather, flights], { name: 'search_flights' })?.name).toBe(
      'search_flights',
    );
  });
});

describe('properNoun and deriveArguments', () => {
  it('finds a capitalised word that does not start a sentence', () => {
    expect(properNoun('What is the weather like in Lisbon for my trip next week?')).toBe('Lisbon');
    expect(properNoun('Should I go? Then Porto or Faro.')).toBe('Porto');
    expect(properNoun('I think so')).toBeUndefined();
  });

  it('fills every property from its schema', () => {
    expect(
      deriveArguments('Trip to Madrid', {
        type: 'object',
        properties: {
          destination: { type: 'string' },
          query: { type: 'string' },
          nights: { type: 'integer' },
          direct: { type: 'boolean' },
          unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
          stops: { type: 'array' },
        },
      }),
    ).toEqual({
      destination: 'Madrid',
      query: 'Trip to Madrid',
      nights: 1,
      direct: true,
      unit: 'celsius',
      stops: [],
    });
    expect(deriveArguments('weather in town?', weather.parameters)).toEqual({ city: 'town' });
    expect(deriveArguments('x', undefined)).toEqual({});
  });
});
