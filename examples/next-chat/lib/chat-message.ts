import type { UIMessage } from 'ai';

/** What the server attaches to each assistant message: the ad outcome, when there was an ad. */
export interface ChatMetadata {
  adstract?: { status?: string; productName?: string };
}

/** The chat's message type, shared by the route and the page. */
export type ChatMessage = UIMessage<ChatMetadata>;
