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
 * Returns a new prompt where the user message at `index` carries Adstract's enhanced prompt,
 * keeping its other parts where they are. Nothing the caller passed in is mutated.
 *
 * Adstract enhances the text it was sent: the message's text parts joined by blank lines. When
 * the enhanced prompt contains that text whole (ad instructions added before and/or after it),
 * only the additions move in: what came before goes at the start of the first text part, what
 * came after at the end of the last, so a text that labels a file (`Chart A:`, image, `Chart B:`,
 * image) stays next to it. When Adstract rewrote the text itself, the enhanced prompt replaces the
 * first text part and the other text parts are dropped (their words are in it); files stay.
 */
export function insertEnhancedPrompt<Prompt extends ReadonlyArray<PromptMessage>>(
  prompt: Prompt,
  index: number,
  enhancedPrompt: string,
): Prompt {
  const message = prompt[index];
  const parts = userParts(message);
  if (message === undefined || parts === undefined) return prompt;
  const texts = parts.filter(isTextPart);
  const first = texts[0];
  const last = texts.at(-1);
  if (first === undefined || last === undefined) return prompt;
  const original = texts.map((part) => part.text).join('\n\n');
  const at = original === '' ? -1 : enhancedPrompt.indexOf(original);
  let content: ContentPart[];
  if (at !== -1) {
    const before = enhancedPrompt.slice(0, at);
    const after = enhancedPrompt.slice(at + original.length);
    content = parts.map((part) => {
      if (!isTextPart(part)) return part;
      const head = part === first ? before : '';
      const tail = part === last ? after : '';
      return head === '' && tail === '' ? part : { ...part, text: `${head}${part.text}${tail}` };
    });
  } else {
    content = parts.flatMap((part) => {
      if (!isTextPart(part)) return [part];
      return part === first ? [{ ...part, text: enhancedPrompt }] : [];
    });
  }
  const next = prompt.slice();
  next[index] = { ...message, content };
  return next as unknown as Prompt;
}
