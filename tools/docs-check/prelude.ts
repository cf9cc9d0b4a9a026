// Placeholders the READMEs use without declaring them: what an app already has at hand.
// Every block sees them, except blocks marked `no-prelude`; a block's own declaration wins.
import type { IncomingMessage } from 'node:http';

declare global {
  /** The incoming Web request (a Next.js route handler, Hono, Remix). */
  const request: Request;
  /** A Node `http` request. */
  const req: IncomingMessage;
  /** The conversation or session id. */
  const sessionId: string;
  /** The chat's id, as `useChat` sends it. */
  const id: string;
  /** The end user's `User-Agent`. */
  const userAgent: string;
  /** The end user's IP address, from a trusted source. */
  const userIp: string;
  /** The signed-in user, with the app's consent decision. */
  const user: { allowsPersonalisedAds: boolean };
  /** The Cloudflare Workers handler context (`@cloudflare/workers-types` declares it globally). */
  interface ExecutionContext {
    waitUntil(promise: Promise<unknown>): void;
    passThroughOnException(): void;
  }
  /** Your own LLM call. */
  function callYourLLM(prompt: string): Promise<string>;
}
