import type {
  LanguageModelV4CallOptions,
  LanguageModelV4FinishReason,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
} from '@ai-sdk/provider';
import { convertArrayToReadableStream } from 'ai/test';
import { finishReason, usage } from './ai-major.js';

export { finishReason, MockLanguageModel, type MockModel, usage } from './ai-major.js';

/** A generate result with one text part. */
export function textResult(
  text: string,
  reason: LanguageModelV4FinishReason['unified'] = 'stop',
): LanguageModelV4GenerateResult {
  return {
    content: [{ type: 'text', text }],
    finishReason: finishReason(reason),
    usage,
    warnings: [],
  };
}

/** The stream parts of a text answer split into the given deltas. */
export function textParts(
  deltas: string[],
  reason: LanguageModelV4FinishReason['unified'] = 'stop',
): LanguageModelV4StreamPart[] {
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: '0' },
    ...deltas.map((delta): LanguageModelV4StreamPart => ({ type: 'text-delta', id: '0', delta })),
    { type: 'text-end', id: '0' },
    { type: 'finish', finishReason: finishReason(reason), usage },
  ];
}

/** A stream result over the given parts. */
export function streamResult(parts: LanguageModelV4StreamPart[]): LanguageModelV4StreamResult {
  return { stream: convertArrayToReadableStream(parts) };
}

/** The text of the latest user message the model received. */
export function userTextSeen(call: LanguageModelV4CallOptions | undefined): string {
  const messages = call?.prompt ?? [];
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message?.role === 'user') {
      return message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
    }
  }
  return '';
}

/** A stream that emits parts with a pause between each, honouring an abort signal. */
export function slowStream(
  parts: LanguageModelV4StreamPart[],
  delayMs: number,
): ReadableStream<LanguageModelV4StreamPart> {
  let index = 0;
  return new ReadableStream({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const part = parts[index++];
      if (part === undefined) controller.close();
      else controller.enqueue(part);
    },
  });
}
