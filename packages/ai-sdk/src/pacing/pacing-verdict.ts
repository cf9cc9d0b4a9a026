import type { PromptMessage } from '../spec/language-model.js';
import { type ConversationTurns, readConversationTurns } from './conversation-turns.js';
import type { AdstractPacingOptions, PacingRule } from './pacing-options.js';

/**
 * The rule that holds back an ad in this turn, or undefined when every rule allows one. Rules are
 * checked in a fixed order: `first-ad-after-turn`, `max-ads-per-conversation` (both hold for the
 * rest of the conversation, or until that turn), then `min-turns-between-ads`.
 */
export function pacingVerdict(
  { turn, adTurns }: ConversationTurns,
  pacing: AdstractPacingOptions,
): PacingRule | undefined {
  const { firstAdAfterTurn, maxAdsPerConversation, minTurnsBetweenAds } = pacing;
  if (firstAdAfterTurn !== undefined && turn <= firstAdAfterTurn) return 'first-ad-after-turn';
  if (maxAdsPerConversation !== undefined && adTurns.length >= maxAdsPerConversation) {
    return 'max-ads-per-conversation';
  }
  const lastAdTurn = adTurns.at(-1);
  if (minTurnsBetweenAds !== undefined && lastAdTurn !== undefined) {
    if (turn - lastAdTurn - 1 < minTurnsBetweenAds) return 'min-turns-between-ads';
  }
  return undefined;
}

/** A call held back by pacing: the rule and the call's turn. */
export interface PacedCall {
  rule: PacingRule;
  turn: number;
}

/** Applies `pacing` to the conversation in `prompt`; undefined when the call may have an ad. */
export function pacedCall(
  prompt: ReadonlyArray<PromptMessage>,
  latestUserIndex: number,
  pacing: AdstractPacingOptions | undefined,
): PacedCall | undefined {
  if (pacing === undefined) return undefined;
  const { firstAdAfterTurn, maxAdsPerConversation, minTurnsBetweenAds } = pacing;
  const readAds = maxAdsPerConversation !== undefined || minTurnsBetweenAds !== undefined;
  if (!readAds && firstAdAfterTurn === undefined) return undefined;
  const turns = readConversationTurns(prompt, latestUserIndex, readAds);
  const rule = pacingVerdict(turns, pacing);
  return rule === undefined ? undefined : { rule, turn: turns.turn };
}
