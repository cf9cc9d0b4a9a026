import { type AdInstruction, renderSponsoredMention } from '../ad-instruction.js';
import type { ToolResult } from './conversation.js';

/** What the answer is built from. */
export interface AnswerInput {
  /** The user's own text (the ad instruction already removed). */
  question: string;
  instruction: AdInstruction | undefined;
  toolResults: readonly ToolResult[];
}

const CLOSING = 'I hope this helps.';
const ARITHMETIC = /(-?\d+(?:\.\d+)?)\s*([+\-*/×x])\s*(-?\d+(?:\.\d+)?)/;
/** A question asking for steps gets them as a markdown list, for UIs that render markdown. */
const STEPS = /\bsteps\b/i;
const STEP_LIST =
  '1. Pick one clear goal.\n2. Measure it every week.\n3. Improve one step at a time.';

/**
 * Builds the stand-in's deterministic answer: a lead sentence (the tool results, a sum, or a
 * short generic reply quoting the question; a question asking for "steps" gets them as a
 * markdown list), then, when instructed, the sponsored mention exactly once, wrapped as asked,
 * then a closing sentence.
 */
export function composeAnswer(input: AnswerInput): string {
  const lead = leadSentence(input);
  // After a list, the rest is a paragraph of its own.
  const space = lead.endsWith(STEP_LIST) ? '\n\n' : ' ';
  if (input.instruction === undefined) return `${lead}${space}${CLOSING}`;
  const mention = renderSponsoredMention(input.instruction);
  return input.instruction.wrappingType === 'markdown'
    ? `${lead}${mention}${CLOSING}`
    : `${lead}${space}${mention} ${CLOSING}`;
}

function leadSentence({ question, toolResults }: AnswerInput): string {
  if (toolResults.length > 0) {
    return toolResults.map(describeResult).join(' ');
  }
  const sum = ARITHMETIC.exec(question);
  if (sum !== null) {
    const [, left = '', operator = '', right = ''] = sum;
    const value = calculate(Number(left), operator, Number(right));
    if (Number.isFinite(value)) return `${left} ${operator} ${right} = ${value}.`;
  }
  const quoted = question.replace(/\s+/g, ' ').trim();
  const short = quoted.length > 120 ? `${quoted.slice(0, 119)}…` : quoted;
  if (STEPS.test(quoted)) return `You asked: "${short}" Three steps:\n\n${STEP_LIST}`;
  return `You asked: "${short}" A good start: pick one clear goal, measure it every week, and improve one step at a time.`;
}

function describeResult(result: ToolResult): string {
  const source = result.name ?? 'the tool';
  let details = result.output;
  try {
    const parsed: unknown = JSON.parse(result.output);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      details = Object.entries(parsed)
        .map(
          ([key, value]) => `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`,
        )
        .join(', ');
    }
  } catch {
    // not JSON: quote it as it is
  }
  return `Here is what ${source} returned: ${details}.`;
}

function calculate(left: number, operator: string, right: number): number {
  switch (operator) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '/':
      return left / right;
    default:
      return left * right;
  }
}
