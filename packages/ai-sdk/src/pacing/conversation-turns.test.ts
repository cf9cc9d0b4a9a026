import { describe, expect, it } from 'vitest';
import type { PromptMessage } from '../spec/language-model.js';
import { readConversationTurns } from './conversation-turns.js';

const user = (text: string): PromptMessage => ({
  role: 'user',
  content: [{ type: 'text', text }],
});
const assistant = (...texts: string[]): PromptMessage => ({
  role: 'assistant',
  content: texts.map((text) => ({ type: 'text', text })),
});
const AD = {
  xml: 'Try this. <ADS>Acme Analytics: see why users churn.</ADS> Good luck!',
  plain: 'Try this.\nSponsored: Acme Analytics helps you see churn. ˼\nGood luck!',
  markdown: 'Try this.\n\n> **Sponsored:** Acme Analytics helps you see churn.\n\nGood luck!',
};
const latest = (prompt: PromptMessage[]) => prompt.length - 1;

describe('readConversationTurns', () => {
  it('counts the user messages up to the latest one as the turn', () => {
    expect(readConversationTurns([user('hi')], 0)).toEqual({ turn: 1, adTurns: [] });
    const prompt = [
      { role: 'system', content: 'You are helpful.' },
      user('one'),
      assistant('a'),
      user('two'),
      assistant('b'),
      user('three'),
    ];
    expect(readConversationTurns(prompt, latest(prompt))).toEqual({ turn: 3, adTurns: [] });
  });

  it.each(Object.entries(AD))('finds an ad written with the %s markers', (_, answer) => {
    const prompt = [user('one'), assistant(answer), user('two'), assistant('plain'), user('three')];
    expect(readConversationTurns(prompt, latest(prompt)).adTurns).toEqual([1]);
  });

  it('counts a turn with ads in several messages or parts once', () => {
    const prompt = [
      user('one'),
      assistant(AD.xml, AD.markdown),
      { role: 'tool', content: [] },
      assistant(AD.plain),
      user('two'),
      assistant('no ad'),
      user('three'),
      assistant(AD.xml),
      user('four'),
    ];
    expect(readConversationTurns(prompt, latest(prompt))).toEqual({ turn: 4, adTurns: [1, 3] });
  });

  it('reads neither the latest turn’s own steps nor text outside assistant messages', () => {
    const prompt = [
      user(`quoting an ad: ${AD.xml}`),
      assistant('no ad here'),
      user('two'),
      // The step of turn 2 (after its user message) is the call being made: not an earlier turn.
      assistant(AD.xml),
      { role: 'tool', content: [{ type: 'tool-result', output: { type: 'text', value: AD.xml } }] },
    ];
    expect(readConversationTurns(prompt, 2)).toEqual({ turn: 2, adTurns: [] });
  });

  it('ignores reasoning and tool-call parts, and reads a plain string content', () => {
    const prompt: PromptMessage[] = [
      user('one'),
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: AD.xml },
          { type: 'tool-call', toolCallId: '1', toolName: 'x', input: { text: AD.xml } },
        ],
      },
      user('two'),
      { role: 'assistant', content: AD.xml },
      user('three'),
    ];
    expect(readConversationTurns(prompt, latest(prompt)).adTurns).toEqual([2]);
  });

  it('counts an ad before the first user message as turn 0', () => {
    const prompt = [assistant(AD.xml), user('one')];
    expect(readConversationTurns(prompt, 1)).toEqual({ turn: 1, adTurns: [0] });
  });

  it('counts an unclosed mention (an answer cut short) as an ad', () => {
    const prompt = [user('one'), assistant('Try <ADS>Acme Analytics: see'), user('two')];
    expect(readConversationTurns(prompt, 2).adTurns).toEqual([1]);
  });

  it('skips the markers when asked for the turn only', () => {
    const prompt = [user('one'), assistant(AD.xml), user('two')];
    expect(readConversationTurns(prompt, 2, false)).toEqual({ turn: 2, adTurns: [] });
  });
});
