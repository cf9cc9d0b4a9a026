// The example Worker: one module-scope model for every request, with `waitUntil` imported from
// 'cloudflare:workers', so each acknowledge outlives the response that carried its ad.

import { env, waitUntil } from 'cloudflare:workers';
import { adstractContextFromRequest, adstractMiddleware } from '@adstract/ai-sdk';
import { createOpenAI } from '@ai-sdk/openai';
import { streamText, wrapLanguageModel } from 'ai';
import { readChatRequest } from './chat-request.js';

const openai = createOpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL });
const model = wrapLanguageModel({
  model: openai('gpt-5-mini'),
  middleware: adstractMiddleware({
    apiKey: env.ADSTRACT_API_KEY,
    baseURL: env.ADSTRACT_BASE_URL,
    waitUntil, // keeps the Worker alive until each acknowledge is sent
  }),
});

export default {
  async fetch(request: Request): Promise<Response> {
    const chat = await readChatRequest(request);
    if (chat instanceof Response) return chat;
    const result = streamText({
      model,
      prompt: chat.prompt,
      // Cloudflare sets `CF-Connecting-IP` and its geo headers, and overwrites what the client sent.
      providerOptions: {
        adstract: adstractContextFromRequest(request, {
          sessionId: chat.sessionId,
          ipSource: 'cloudflare',
        }),
      },
    });
    result.consumeStream(); // a client that disconnects still completes the answer
    return result.toTextStreamResponse();
  },
} satisfies ExportedHandler<Env>;
