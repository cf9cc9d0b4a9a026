import { adstractContextFromRequest } from '@adstract/ai-sdk';
import { convertToModelMessages, stepCountIs, streamText } from 'ai';
import type { ChatMessage } from '../../../lib/chat-message';
import { model } from '../../../lib/model';

export const maxDuration = 60;

export async function POST(request: Request) {
  const { messages, id }: { messages: ChatMessage[]; id: string } = await request.json();
  const result = streamText({
    model,
    system: 'You are a helpful, concise assistant.',
    messages: await convertToModelMessages(messages),
    stopWhen: stepCountIs(3),
    providerOptions: {
      // Behind `next start` locally, Next.js itself is the one trusted hop in X-Forwarded-For.
      adstract: adstractContextFromRequest(request, { sessionId: id }),
    },
  });
  // Drain the model even if the tab closes, so the answer completes and is acknowledged.
  result.consumeStream();
  return result.toUIMessageStreamResponse<ChatMessage>({
    messageMetadata: ({ part }) => {
      if (part.type !== 'finish-step') return undefined;
      const adstract = part.providerMetadata?.adstract;
      if (adstract === undefined) return undefined;
      return {
        adstract: {
          status: typeof adstract.status === 'string' ? adstract.status : undefined,
          productName: typeof adstract.productName === 'string' ? adstract.productName : undefined,
        },
      };
    },
  });
}
