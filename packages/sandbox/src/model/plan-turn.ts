import { parseAdInstruction, stripAdInstruction } from '../ad-instruction.js';
import { chooseToolCall, type PlannedToolCall } from './choose-tool-call.js';
import { composeAnswer } from './compose-answer.js';
import type { Conversation } from './conversation.js';
import { schemaExample } from './schema-example.js';

/** What the stand-in answers: text, or one tool call. */
export type ModelTurn = { kind: 'text'; text: string } | ({ kind: 'tool-call' } & PlannedToolCall);

/**
 * Decides the answer to a conversation: a tool call when a tool fits the latest user message and
 * no tool result came back yet; JSON that follows the schema when structured output is asked for
 * (without the sponsored mention: ad text has no place in a schema); otherwise text, with the
 * sponsored mention when instructed.
 */
export function planTurn(conversation: Conversation): ModelTurn {
  if (conversation.userText === undefined) {
    return { kind: 'text', text: 'Ask me anything: I answer the latest user message.' };
  }
  const instruction = parseAdInstruction(conversation.userText);
  const question = stripAdInstruction(conversation.userText).trim();
  if (conversation.toolResults.length === 0 && conversation.tools.length > 0) {
    const call = chooseToolCall(question, conversation.tools, conversation.toolChoice);
    if (call !== undefined) return { kind: 'tool-call', ...call };
  }
  const { jsonFormat, toolResults } = conversation;
  if (jsonFormat !== undefined) {
    const answer = composeAnswer({ question, instruction: undefined, toolResults });
    return {
      kind: 'text',
      text: JSON.stringify(schemaExample(question, jsonFormat.schema, answer)),
    };
  }
  return { kind: 'text', text: composeAnswer({ question, instruction, toolResults }) };
}
