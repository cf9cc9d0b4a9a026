import { randomUUID } from 'node:crypto';

/** Ids and numbers shared by every event of one answer. */
export interface TurnContext {
  /** Random hex, used in every id of the answer. */
  id: string;
  callId: string;
  created: number;
  model: string;
  inputTokens: number;
}

/** Creates the context of one answer (input tokens counted as words). */
export function createTurnContext(model: unknown, inputText: string): TurnContext {
  const id = randomUUID().replaceAll('-', '');
  return {
    id,
    callId: `call_${id.slice(0, 24)}`,
    created: Math.floor(Date.now() / 1000),
    model: typeof model === 'string' && model !== '' ? model : 'gpt-5-mini',
    inputTokens: inputText.split(/\s+/).filter((word) => word !== '').length,
  };
}
