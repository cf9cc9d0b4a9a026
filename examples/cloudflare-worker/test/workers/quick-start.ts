// The package README's quick-start shape on Workers: a module-scope middleware without `waitUntil`
// (the API key from ADSTRACT_API_KEY, which `nodejs_compat` puts in process.env). The middleware
// reports the missing `waitUntil` through its default `onError` (one console.warn line).
import { adstractContextFromRequest, adstractMiddleware } from '@adstract/ai-sdk';
import { openai } from '@ai-sdk/openai';
import { streamText, wrapLanguageModel } from 'ai';
import { readChatRequest } from '../../src/chat-request.js';

const model = wrapLanguageModel({ model: openai('gpt-5-mini'), middleware: adstractMiddleware() });

export default {
  async fetch(request: Request): Promise<Response> {
    const chat = await readChatRequest(request);
    if (chat instanceof Response) return chat;
    const result = streamText({
      model,
      prompt: chat.prompt,
      providerOptions: {
        adstract: adstractContextFromRequest(request, {
          sessionId: chat.sessionId,
          ipSource: 'cloudflare',
        }),
      },
    });
    result.consumeStream();
    return result.toTextStreamResponse();
  },
} satisfies ExportedHandler<Env>;
