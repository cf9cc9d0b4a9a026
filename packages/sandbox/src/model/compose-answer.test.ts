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

  it('lists steps as markdown when the question asks for steps', () => {
    const steps =
      '1. Pick one clear goal.\n2. Measure it every week.\n3. Improve one step at a time.';
    expect(
      composeAnswer({ question: 'What steps help?', instruction: undefined, toolResults: [] }),
    ).toBe(`You asked: "What steps help?" Three steps:\n\n${steps}\n\nI hope this helps.`);
    // The mention starts a paragraph of its own after the list, whatever its wrapping.
    expect(
      composeAnswer({ question: 'Steps?', instruction: instruction('xml'), toolResults: [] }),
    ).toBe(
      `You asked: "Steps?" Three steps:\n\n${steps}\n\n<ADS>Acme Analytics: see who churns.</ADS> I hope this helps.`,
    );
    expect(
      composeAnswer({ question: 'Steps?', instruction: instruction('markdown'), toolResults: [] }),
    ).toBe(
      `You asked: "Steps?" Three steps:\n\n${steps}\n\n> **Sponsored:** Acme Analytics: see who churns.\n\nI hope this helps.`,
    );
    // A word that only contains "steps" is not a request for them.
    expect(
      composeAnswer({ question: 'Footsteps?', instruction: undefined, toolResults: [] }),
    ).not.toContain('1. ');
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
