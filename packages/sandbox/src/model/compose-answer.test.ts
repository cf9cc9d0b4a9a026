import { describe, expect, it } from 'vitest';
import { renderSponsoredMention } from '../ad-instruction.js';
import { composeAnswer } from './compose-answer.js';

const instruction = (wrappingType: 'xml' | 'plain' | 'markdown') => ({
  productName: 'Acme Analytics',
  pitch: 'see who churns',
  wrappingType,
});

describe('composeAnswer', () => {
  it('answers sums and other questions deterministically', () => {
    const input = { instruction: undefined, toolResults: [] };
    expect(composeAnswer({ ...input, question: 'What is 2 + 2?' })).toBe(
      '2 + 2 = 4. I hope this helps.',
    );
    expect(composeAnswer({ ...input, question: 'And 10 / 4?' })).toBe(
      '10 / 4 = 2.5. I hope this helps.',
    );
    expect(composeAnswer({ ...input, question: 'How  do\nI grow?' })).toBe(
      'You asked: "How do I grow?" A good start: pick one clear goal, measure it every week, and improve one step at a time. I hope this helps.',
    );
  });

  it.each(['xml', 'plain', 'markdown'] as const)(
    'includes the %s mention exactly once',
    (wrapping) => {
      const text = composeAnswer({
        question: 'Grow?',
        instruction: instruction(wrapping),
        toolResults: [],
      });
      const mention = renderSponsoredMention(instruction(wrapping));
      expect(text.split(mention)).toHaveLength(2);
      expect(text).not.toContain('Sponsored content instruction');
    },
  );

  it('uses tool results', () => {
    expect(
      composeAnswer({
        question: 'Weather?',
        instruction: undefined,
        toolResults: [
          { name: 'getWeather', output: '{"city":"Lisbon","temperatureC":21}' },
          { name: undefined, output: 'plain text' },
        ],
      }),
    ).toBe(
      'Here is what getWeather returned: city Lisbon, temperatureC 21. Here is what the tool returned: plain text. I hope this helps.',
    );
  });
});
