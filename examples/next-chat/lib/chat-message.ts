import type { AdstractMessageMetadata } from '@adstract/react';
import type { UIMessage } from 'ai';

/**
 * The chat's message type, shared by the route and the page: its metadata carries the ad's
 * outcome (`{ adstract: { status, productName } }`), sent by `adstractMessageMetadata` with the
 * answer's first text part.
 */
export type ChatMessage = UIMessage<AdstractMessageMetadata>;

/** What the page posts to `/api/chat`: `useChat`'s body plus the id the Stop button names. */
export interface ChatRequest {
  id: string;
  messages: ChatMessage[];
  /** A new id for each answer asked for; see lib/answer-stops.ts. */
  answerId: string;
}
