import { describe, expect, it } from 'vitest';
import { chooseOutcome, promptWords } from './choose-outcome.js';

const productOf = (prompt: string) => {
  const outcome = chooseOutcome(prompt, undefined);
  return outcome.status === 'ok' ? outcome.product.name : outcome.status;
};

describe('chooseOutcome', () => {
  it('fills prompts that mention a catalog keyword with the matching product', () => {
    expect(productOf('How can I improve user retention?')).toBe('Acme Analytics');
    expect(productOf('How can I reduce churn for my users?')).toBe('Acme Analytics');
    expect(productOf('What is the weather for my trip to Lisbon?')).toBe('Wayfarer Travel');
    expect(productOf('How do I deploy my code on Fridays?')).toBe('Launchpad Deploy');
  });

  it('prefers the product with the most keyword hits', () => {
    expect(productOf('Should users check the weather before a trip?')).toBe('Wayfarer Travel');
  });

  it('matches whole words only', () => {
    expect(productOf('What is a codec?')).toBe('no_fill');
    expect(productOf('Is it userspace?')).toBe('no_fill');
  });

  it('answers no fill without a keyword', () => {
    expect(productOf('What is 2 + 2?')).toBe('no_fill');
  });

  it('rejects prompts with sensitive words, even with a keyword', () => {
    expect(productOf('Can you give me a diagnosis for these symptoms?')).toBe('rejected');
    expect(productOf('My users talk about self-harm, what should I do?')).toBe('rejected');
    expect(productOf('Medical advice for my trip?')).toBe('rejected');
  });

  it('lets markers override the rules', () => {
    expect(chooseOutcome('What is 2 + 2?', 'fill')).toMatchObject({
      status: 'ok',
      product: { name: 'Acme Analytics' },
    });
    expect(chooseOutcome('A trip to Lisbon', 'fill')).toMatchObject({
      product: { name: 'Wayfarer Travel' },
    });
    expect(chooseOutcome('How can I improve user retention?', 'no_fill')).toEqual({
      status: 'no_fill',
    });
    expect(chooseOutcome('How can I improve user retention?', 'rejected')).toEqual({
      status: 'rejected',
    });
    expect(chooseOutcome('A medical question', 'fill')).toMatchObject({ status: 'ok' });
  });
});

describe('promptWords', () => {
  it('lists words, hyphenated parts and neighbouring pairs', () => {
    expect([...promptWords("Self-harm, user-retention & don't")]).toEqual(
      expect.arrayContaining([
        'self-harm',
        'self',
        'harm',
        'user-retention',
        'retention',
        "don't",
        'self-harm user-retention',
      ]),
    );
    expect(promptWords('self harm').has('self harm')).toBe(true);
  });
});
