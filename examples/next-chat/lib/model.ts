import { adstractMiddleware } from '@adstract/ai-sdk';
import { createOpenAI } from '@ai-sdk/openai';
import { type LanguageModel, wrapLanguageModel } from 'ai';
import { after } from 'next/server';
import { finishAnswersOnShutdown } from './finish-answers-on-shutdown';

/**
 * The chat model, wrapped with Adstract. Real services when `OPENAI_API_KEY` / `ADSTRACT_API_KEY`
 * are set; otherwise the local stand-ins that `scripts/with-local-services.mjs` started (their
 * URLs arrive in `OPENAI_BASE_URL` / `ADSTRACT_BASE_URL`).
 */
const openai = createOpenAI({
  apiKey: process.env.OPENAI_API_KEY ?? 'local-stand-in',
  baseURL: process.env.OPENAI_BASE_URL,
});

const adstract = adstractMiddleware({
  // `after` keeps the serverless function alive until the acknowledge has been sent.
  waitUntil: after,
  onError: (error) => console.warn(`[adstract] ${error.name}: ${error.message}`),
});
// `next start` on a server of your own: a shutdown still acknowledges the answers in flight.
finishAnswersOnShutdown(adstract);

export const model: LanguageModel = wrapLanguageModel({
  model: openai(process.env.OPENAI_MODEL ?? 'gpt-5-mini'),
  middleware: adstract,
});
