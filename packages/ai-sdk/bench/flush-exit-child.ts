// Child of flush-exit.ts: starts one answer through @ai-sdk/openai and the middleware, reads its
// first words, stops reading (a consumer gone for good), calls flush(), then returns from main.
// The process can exit only once nothing holds it: the parent times exactly that.
import { adstractMiddleware } from '@adstract/ai-sdk';
import { createOpenAI } from '@ai-sdk/openai';
import { streamText, wrapLanguageModel } from 'ai';

const [adstractUrl = '', modelUrl = ''] = process.argv.slice(2);
const middleware = adstractMiddleware({
  apiKey: 'adpk_sandbox_flush_exit',
  baseURL: adstractUrl,
  onError: () => {},
});
const openai = createOpenAI({ baseURL: modelUrl, apiKey: 'stand-in' });
const result = streamText({
  model: wrapLanguageModel({ model: openai('gpt-5-mini'), middleware }),
  prompt: 'How can I improve user retention?',
  providerOptions: {
    adstract: {
      sessionId: `flush-exit-${process.pid}`,
      userAgent: 'bench',
      userIp: '198.51.100.23',
    },
  },
});
const reader = result.textStream.getReader();
await reader.read();
await reader.read();
// The reader is left as it is: nobody reads the rest, nobody cancels.
await middleware.flush();
process.stdout.write(`flushed ${performance.timeOrigin + performance.now()}\n`);
