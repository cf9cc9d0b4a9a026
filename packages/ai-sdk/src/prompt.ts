import type {
  LanguageModelV4FilePart,
  LanguageModelV4Prompt,
  LanguageModelV4TextPart,
} from '@ai-sdk/provider';

/** The latest user message of a prompt: where it is and what the user typed. */
export interface LatestUserMessage {
  /** Index of the message in the prompt. */
  index: number;
  /** The text parts joined by blank lines; inline documents (file parts) are not included. */
  text: string;
}

/**
 * Finds the latest user message, searching backwards: from step 2 of a tool loop the prompt ends
 * with assistant and tool messages, so the last message is not always the user's.
 * Returns undefined when there is no user message or it has no non-blank text.
 */
export function findLatestUserMessage(
  prompt: LanguageModelV4Prompt,
): LatestUserMessage | undefined {
  for (let index = prompt.length - 1; index >= 0; index--) {
    const message = prompt[index];
    if (message?.role !== 'user') continue;
    const text = message.content
      .filter((part): part is LanguageModelV4TextPart => part.type === 'text')
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
export function replaceUserText(
  prompt: LanguageModelV4Prompt,
  index: number,
  text: string,
): LanguageModelV4Prompt {
  const message = prompt[index];
  if (message?.role !== 'user') return prompt;
  const content: Array<LanguageModelV4TextPart | LanguageModelV4FilePart> = [];
  let replaced = false;
  for (const part of message.content) {
    if (part.type !== 'text') {
      content.push(part);
    } else if (!replaced) {
      content.push({ ...part, text });
      replaced = true;
    }
  }
  const next = prompt.slice();
  next[index] = { ...message, content };
  return next;
}
