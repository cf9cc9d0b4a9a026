import { adstractContextFromRequest, adstractMessageMetadata } from '@adstract/ai-sdk';
import { convertToModelMessages, stepCountIs, streamText } from 'ai';
import { createAnswerStops } from '../../../lib/answer-stops';
import type { ChatMessage, ChatRequest } from '../../../lib/chat-message';
import { describeError } from '../../../lib/describe-error';
import { ipSourceFromEnvironment } from '../../../lib/ip-source';
import { model } from '../../../lib/model';

// Which header carries the end user's IP depends on the deployment, never on the client: see
// lib/ip-source.ts and the README. Read once when the route loads: a wrong value fails loudly.
const ipSource = ipSourceFromEnvironment();
// The answers this server process is generating, for the Stop button (DELETE below).
const answers = createAnswerStops();
const ANSWER_ID = /^[\w-]{1,64}$/;

export const maxDuration = 60;

export async function POST(request: Request) {
  const { messages, id, answerId }: ChatRequest = await request.json();
  if (typeof answerId !== 'string' || !ANSWER_ID.test(answerId)) {
    return Response.json({ error: 'answerId: 1 to 64 letters, digits, _ or -' }, { status: 400 });
  }
  const answer = answers.begin(answerId);
  const result = streamText({
    model,
    system: 'You are a helpful, concise assistant.',
    messages: await convertToModelMessages(messages),
    stopWhen: stepCountIs(3),
    // Only the Stop button aborts: a closed tab is no stop, and the middleware reads the answer
    // to its end and acknowledges it whole (no `consumeStream()` needed).
    abortSignal: answer.signal,
    providerOptions: {
      // userAgent, userIp (from the trusted source only) and geo headers; Sec-GPC: 1 limits it to
      // the required fields. Without a trusted IP source the call goes out without an ad.
      adstract: adstractContextFromRequest(request, { sessionId: id, ipSource }),
    },
    // One line per failure, instead of the default stack trace on every failed answer.
    onError: ({ error }) => console.error(`[chat] the model failed: ${describeError(error)}`),
    onFinish: answer.end,
    onAbort: answer.end,
  });
  return result.toUIMessageStreamResponse<ChatMessage>({
    // The ad's status and product name, with the answer's first text part: the label is known
    // before the first word, and nothing moves when the answer ends.
    messageMetadata: adstractMessageMetadata,
    // What the browser is told when the answer fails: nothing of the provider's error.
    onError: () => 'The model could not answer.',
  });
}

/** The Stop button: ends the answer `?answer=<answerId>`, with the text sent so far. */
export async function DELETE(request: Request) {
  const answerId = new URL(request.url).searchParams.get('answer') ?? '';
  if (!ANSWER_ID.test(answerId)) {
    return Response.json({ error: 'answer: 1 to 64 letters, digits, _ or -' }, { status: 400 });
  }
  answers.stop(answerId);
  return new Response(null, { status: 204 });
}
