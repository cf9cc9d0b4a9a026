import fc from 'fast-check';

/** The sandbox's mention, as its model stand-in writes it for each wrapping type. */
export const MENTION = 'Acme Analytics: see why users churn.';

export const ANSWERS = {
  xml: `Track cohorts weekly. <ADS>${MENTION}</ADS> Good luck!`,
  plain: `Track cohorts weekly. Sponsored: ${MENTION} ˼ Good luck!`,
  markdown: `Track cohorts weekly.\n\n> **Sponsored:** ${MENTION}\n\nGood luck!`,
} as const;

/** Writes a mention the way each wrapping type asks for. */
export function wrapMention(wrapping: keyof typeof ANSWERS, mention: string): string {
  if (wrapping === 'xml') return `<ADS>${mention}</ADS>`;
  if (wrapping === 'plain') return `Sponsored: ${mention} ˼`;
  return `\n\n> **Sponsored:** ${mention}\n\n`;
}

/** Prose full of marker fragments that are not markers (`<AD`, `Spon`, `*`, `>`). */
export const prose = fc
  .array(fc.constantFrom('a', 'b ', ' ', '.', ',', '<', '<AD', 'Spon', '*', '>', 'x>y', '˹', 'é'), {
    minLength: 1,
    maxLength: 12,
  })
  .map((pieces) => pieces.join('').trim() || 'a');

/** Answer-like text made of marker pieces and fragments, for "nothing but markers" checks. */
export const markerSoup = fc
  .array(
    fc.constantFrom(
      '<ADS>',
      '</ADS>',
      '<ads>',
      '<AD',
      'Sponsored: ',
      'Spon',
      ' ˼',
      '˼',
      '\n',
      '\n\n',
      '> **Sponsored:** ',
      '> ',
      '**',
      ' ',
      'Acme',
      'x',
      '.',
    ),
    { maxLength: 30 },
  )
  .map((pieces) => pieces.join(''));
