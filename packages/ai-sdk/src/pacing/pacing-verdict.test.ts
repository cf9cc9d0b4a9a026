import { describe, expect, it } from 'vitest';
import type { PromptMessage } from '../spec/language-model.js';
import type { AdstractPacingOptions } from './pacing-options.js';
import { pacedCall, pacingVerdict } from './pacing-verdict.js';

/** The verdict for each turn 1..`turns` of a conversation where ads fall on `adTurns`. */
const verdicts = (pacing: AdstractPacingOptions, turns: number, adTurns: number[] = []) =>
  Array.from({ length: turns }, (_, index) =>
    pacingVerdict({ turn: index + 1, adTurns: adTurns.filter((turn) => turn <= index) }, pacing),
  );

describe('pacingVerdict', () => {
  it('allows every turn without rules', () => {
    expect(verdicts({}, 4, [1, 2, 3])).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('firstAdAfterTurn: n holds the first n turns back', () => {
    expect(verdicts({ firstAdAfterTurn: 2 }, 4)).toEqual([
      'first-ad-after-turn',
      'first-ad-after-turn',
      undefined,
      undefined,
    ]);
    expect(verdicts({ firstAdAfterTurn: 0 }, 2)).toEqual([undefined, undefined]);
  });

  it('minTurnsBetweenAds: n leaves n turns without an ad after each ad', () => {
    expect(verdicts({ minTurnsBetweenAds: 2 }, 6, [1])).toEqual([
      undefined,
      'min-turns-between-ads',
      'min-turns-between-ads',
      undefined,
      undefined,
      undefined,
    ]);
    expect(verdicts({ minTurnsBetweenAds: 0 }, 3, [1, 2])).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    // Only the latest ad counts: an earlier one far back does not hold a turn.
    expect(pacingVerdict({ turn: 9, adTurns: [1, 8] }, { minTurnsBetweenAds: 1 })).toBe(
      'min-turns-between-ads',
    );
  });

  it('maxAdsPerConversation: n stops after n turns with an ad', () => {
    expect(pacingVerdict({ turn: 5, adTurns: [1, 3] }, { maxAdsPerConversation: 2 })).toBe(
      'max-ads-per-conversation',
    );
    expect(pacingVerdict({ turn: 5, adTurns: [1] }, { maxAdsPerConversation: 2 })).toBeUndefined();
  });

  it('names the first rule that holds, in a fixed order', () => {
    const all = { firstAdAfterTurn: 3, minTurnsBetweenAds: 5, maxAdsPerConversation: 1 };
    expect(pacingVerdict({ turn: 2, adTurns: [1] }, all)).toBe('first-ad-after-turn');
    expect(pacingVerdict({ turn: 4, adTurns: [3] }, all)).toBe('max-ads-per-conversation');
    expect(pacingVerdict({ turn: 4, adTurns: [3] }, { ...all, maxAdsPerConversation: 2 })).toBe(
      'min-turns-between-ads',
    );
  });
});

describe('pacedCall', () => {
  const conversation: PromptMessage[] = [
    { role: 'user', content: [{ type: 'text', text: 'one' }] },
    { role: 'assistant', content: [{ type: 'text', text: 'A <ADS>Acme</ADS> B' }] },
    { role: 'user', content: [{ type: 'text', text: 'two' }] },
  ];

  it('reports the rule and the turn of a held-back call, nothing for an allowed one', () => {
    expect(pacedCall(conversation, 2, { minTurnsBetweenAds: 1 })).toEqual({
      rule: 'min-turns-between-ads',
      turn: 2,
    });
    expect(pacedCall(conversation, 2, { maxAdsPerConversation: 2 })).toBeUndefined();
    expect(pacedCall(conversation, 2, { firstAdAfterTurn: 2 })).toEqual({
      rule: 'first-ad-after-turn',
      turn: 2,
    });
    expect(pacedCall(conversation, 2, undefined)).toBeUndefined();
    expect(pacedCall(conversation, 2, {})).toBeUndefined();
  });
});
