import { splitAdSegments } from '@adstract/client';
import type { PromptMessage } from '../spec/language-model.js';

/** What pacing reads of a conversation: the call's turn and the earlier turns that had an ad. */
export interface ConversationTurns {
  /** The number of user messages up to and including the latest one (1 for the first). */
  turn: number;
  /** The earlier turns whose answers carried ad markers, in order (0: before any user message). */
  adTurns: number[];
}

/** The text parts of an assistant message (content is an array of parts in V2, V3 and V4). */
function assistantText(message: PromptMessage): string {
  const { content } = message;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content as ReadonlyArray<{ type?: unknown; text?: unknown }>) {
    if (part?.type === 'text' && typeof part.text === 'string') text += `${part.text}\n`;
  }
  return text;
}

const hasAd = (text: string): boolean =>
  text !== '' &&
  splitAdSegments(text, { final: true }).some((segment) => segment.type === 'sponsored');

/**
 * Reads the turns of `prompt` before the user message at `latestUserIndex`: every `user` message
 * starts a turn, and an `assistant` message belongs to the turn before it. The latest turn's own
 * assistant messages (tool steps of the call being made) are not read. Ad markers of every
 * wrapping type count (`splitAdSegments`); with `readAds` false, only the turns are counted.
 */
export function readConversationTurns(
  prompt: ReadonlyArray<PromptMessage>,
  latestUserIndex: number,
  readAds = true,
): ConversationTurns {
  let turn = 0;
  const adTurns: number[] = [];
  for (let index = 0; index < latestUserIndex; index++) {
    const message = prompt[index];
    if (message?.role === 'user') turn++;
    else if (
      readAds &&
      message?.role === 'assistant' &&
      adTurns.at(-1) !== turn &&
      hasAd(assistantText(message))
    ) {
      adTurns.push(turn);
    }
  }
  return { turn: turn + 1, adTurns };
}
