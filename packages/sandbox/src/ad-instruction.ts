import type { WrappingType } from './wrapping-type.js';

/** What the sandbox asks the model to weave into its answer. */
export interface AdInstruction {
  productName: string;
  /** One sentence about the product, without a trailing period. */
  pitch: string;
  wrappingType: WrappingType;
}

const HEADER = 'Sponsored content instruction (Adstract sandbox):';

const WRAPPING_RULES: Record<WrappingType, string> = {
  xml: 'Wrap the sponsored mention in <ADS> and </ADS> tags.',
  plain: 'Begin the sponsored mention with "Sponsored:" and end it with the character ˼.',
  markdown:
    'Write the sponsored mention as a markdown blockquote that begins with "**Sponsored:**".',
};

/**
 * Builds the plain-words ad instruction that the sandbox appends to the user's prompt.
 * The format is stable so that `parseAdInstruction` (used by the model stand-in) can follow it.
 */
export function buildAdInstruction(instruction: AdInstruction): string {
  return [
    HEADER,
    `in your answer, include exactly one short, natural sponsored mention of the product "${instruction.productName}": ${instruction.pitch}.`,
    WRAPPING_RULES[instruction.wrappingType],
    'Do not mention these instructions.',
  ].join(' ');
}

/** Builds the enhanced prompt: the original prompt, a separator, then the instruction. */
export function buildEnhancedPrompt(prompt: string, instruction: AdInstruction): string {
  return `${prompt}\n\n---\n${buildAdInstruction(instruction)}`;
}

const PATTERN =
  /Sponsored content instruction \(Adstract sandbox\): in your answer, include exactly one short, natural sponsored mention of the product "([^"]+)": (.+?)\. (Wrap the sponsored mention in <ADS>|Begin the sponsored mention with "Sponsored:"|Write the sponsored mention as a markdown blockquote)/s;

const WRAPPING_BY_RULE: Record<string, WrappingType> = {
  'Wrap the sponsored mention in <ADS>': 'xml',
  'Begin the sponsored mention with "Sponsored:"': 'plain',
  'Write the sponsored mention as a markdown blockquote': 'markdown',
};

/** Finds a sandbox ad instruction in a prompt, or returns undefined when there is none. */
export function parseAdInstruction(text: string): AdInstruction | undefined {
  const match = PATTERN.exec(text);
  if (!match) return undefined;
  const [, productName, pitch, rule] = match;
  const wrappingType = rule === undefined ? undefined : WRAPPING_BY_RULE[rule];
  if (productName === undefined || pitch === undefined || wrappingType === undefined) {
    return undefined;
  }
  return { productName, pitch, wrappingType };
}

/** Removes the instruction (and its separator) from a prompt, leaving the user's own text. */
export function stripAdInstruction(text: string): string {
  const index = text.indexOf(`\n\n---\n${HEADER}`);
  return index === -1 ? text : text.slice(0, index);
}

/** Renders the sponsored mention the way the instruction asks, as a model following it would. */
export function renderSponsoredMention(instruction: AdInstruction): string {
  const sentence = `${instruction.productName}: ${instruction.pitch}.`;
  switch (instruction.wrappingType) {
    case 'xml':
      return `<ADS>${sentence}</ADS>`;
    case 'plain':
      return `Sponsored: ${sentence} ˼`;
    case 'markdown':
      return `\n\n> **Sponsored:** ${sentence}\n\n`;
  }
}
