import { adstractContextFromRequest } from '@adstract/ai-sdk';
import { convertToModelMessages, stepCountIs, streamText } from 'ai';
import type { ChatMessage } from '../../../lib/chat-message';
import { ipSourceFromEnvironment } from '../../../lib/ip-source';
import { model } from '../../../lib/model';

// Which header carries the end user's IP depends on the deployment, never on the client: see
// lib/ip-source.ts and the README. Read once when the route loads: a wrong value fails loudly.
const ipSource = ipSourceFromEnvironment();

export const maxDuration = 60;

export async function POST(request: Request) {
  const { messages, id }: { messages: ChatMessage[]; id: string } = await request.json();
  const result = streamText({
    model,
    system: 'You are a helpful, concise assistant.',
    messages: await convertToModelMessages(messages),
    stopWhen: stepCountIs(3),
    providerOptions: {
      // userAgent, userIp (from the trusted source only) and geo headers; Sec-GPC: 1 limits it to
      // the required fields. Without a trusted IP source the call goes out without an ad.
      adstract: adstractContextFromRequest(request, { sessionId: id, ipSource }),
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
