import type { ChatMessage } from './chat-message';

/**
 * The text of a message as the Adstract middleware acknowledges it: the text parts of each step
 * (model call) concatenated, empty steps left out, steps joined with a blank line (`\n\n`, as the
 * middleware joins the steps of a tool loop). Showing exactly this keeps the text the user sees
 * equal to the text that was acknowledged.
 */
export function messageText(message: ChatMessage): string {
  const steps: string[] = [''];
  for (const part of message.parts) {
    if (part.type === 'step-start') steps.push('');
    else if (part.type === 'text') steps[steps.length - 1] += part.text;
  }
  return steps.filter((step) => step !== '').join('\n\n');
}
