// `ctx.waitUntil`: the handler's ExecutionContext exists per request, so the model (and its
// middleware) is made per request too.
import { adstractContextFromRequest, adstractMiddleware } from '@adstract/ai-sdk';
import { createOpenAI } from '@ai-sdk/openai';
import { streamText, wrapLanguageModel } from 'ai';
import { readChatRequest } from '../../src/chat-request.js';

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const chat = await readChatRequest(request);
    if (chat instanceof Response) return chat;
    const openai = createOpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL });
    const model = wrapLanguageModel({
      model: openai('gpt-5-mini'),
      middleware: adstractMiddleware({
        apiKey: env.ADSTRACT_API_KEY,
        baseURL: env.ADSTRACT_BASE_URL,
        waitUntil: (promise) => ctx.waitUntil(promise), // a bare ctx.waitUntil loses its `this`
      }),
    });
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
