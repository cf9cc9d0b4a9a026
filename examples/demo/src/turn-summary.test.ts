import { NetworkError } from '@adstract/client';
import { describe, expect, it } from 'vitest';
import { summariseTurn } from './turn-summary.js';

describe('summariseTurn (no colour)', () => {
  it('prints the outcome, product, time in start and acknowledge status of a filled turn', () => {
    expect(
      summariseTurn([
        { type: 'requested', sessionId: 's' },
        {
          type: 'filled',
          sessionId: 's',
          adResponseId: 'r',
          productName: 'Acme Analytics',
          durationMs: 12.4,
        },
        {
          type: 'acknowledged',
          adResponseId: 'r',
          status: 'ok',
          durationMs: 3,
          textLength: 120,
          ending: 'finished',
        },
      ]),
    ).toBe('  ↳ ad filled: Acme Analytics · start 12 ms · acknowledged: ok · 120 chars');
  });

  it('says when no acknowledge is needed, and when start failed', () => {
    expect(summariseTurn([{ type: 'no-fill', sessionId: 's', durationMs: 4 }])).toBe(
      '  ↳ no-fill (original prompt) · start 4 ms · no acknowledge needed',
    );
    expect(
      summariseTurn([
        {
          type: 'failed',
          sessionId: 's',
          durationMs: 7,
          error: new NetworkError({ message: 'Could not reach Adstract', reason: 'network' }),
          reason: 'unavailable',
        },
      ]),
    ).toBe('  ↳ start failed: NetworkError · start 7 ms');
  });
});
