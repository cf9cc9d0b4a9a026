import type { PromptMessage } from '../spec/language-model.js';

/** The latest user message of a prompt: where it is and what the user typed. */
export interface LatestUserMessage {
  /** Index of the message in the prompt. */
  index: number;
  /** The text parts joined by blank lines; inline documents (file parts) are not included. */
  text: string;
}

/** A content part as every spec shapes it: `{ type: 'text', text }` for text, others as they are. */
interface ContentPart {
  readonly type: string;
  readonly text?: unknown;
}

const isTextPart = (part: ContentPart): part is ContentPart & { text: string } =>
  part.type === 'text' && typeof part.text === 'string';

/** The content parts of a user message (`content` is an array of parts in V2, V3 and V4). */
function userParts(message: PromptMessage | undefined): readonly ContentPart[] | undefined {
  if (message?.role !== 'user' || !Array.isArray(message.content)) return undefined;
  return message.content as readonly ContentPart[];
}

/**
 * Finds the latest user message, searching backwards: from step 2 of a tool loop the prompt ends
 * with assistant and tool messages, so the last message is not always the user's.
 * Returns undefined when there is no user message or it has no non-blank text.
 */
export function findLatestUserMessage(
  prompt: ReadonlyArray<PromptMessage>,
): LatestUserMessage | undefined {
  for (let index = prompt.length - 1; index >= 0; index--) {
    const parts = userParts(prompt[index]);
    if (parts === undefined) continue;
    const text = parts
      .filter(isTextPart)
      .map((part) => part.text)
      .join('\n\n');
    return text.trim() === '' ? undefined : { index, text };
  }
  return undefined;
}

/**
 * Returns a new prompt where the user message at `index` has its text parts replaced by
 * `text` (in place of the first text part), keeping its file parts and every other message.
 * Nothing the caller passed in is mutated.
 */
export function replaceUserText<Prompt extends ReadonlyArray<PromptMessage>>(
  prompt: Prompt,
  index: number,
  text: string,
): Prompt {
  const message = prompt[index];
  const parts = userParts(message);
  if (message === undefined || parts === undefined) return prompt;
  const content: ContentPart[] = [];
  let replaced = false;
  for (const part of parts) {
    if (!isTextPart(part)) {
      content.push(part);
    } else if (!replaced) {
      content.push({ ...part, text });
      replaced = true;
    }
  }
  const next = prompt.slice();
  next[index] = { ...message, content };
  return next as unknown as Prompt;
}
