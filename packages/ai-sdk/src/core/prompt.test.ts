import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { findLatestUserMessage, replaceUserText } from './prompt.js';

const file = {
  type: 'file' as const,
  mediaType: 'text/plain',
  data: { type: 'text' as const, text: 'doc' },
};

const prompt: LanguageModelV4Prompt = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: [{ type: 'text', text: 'First question' }] },
  { role: 'assistant', content: [{ type: 'text', text: 'First answer' }] },
  {
    role: 'user',
    content: [{ type: 'text', text: 'Second' }, file as never, { type: 'text', text: 'question' }],
  },
  {
    role: 'assistant',
    content: [{ type: 'tool-call', toolCallId: 'c', toolName: 't', input: '{}' }],
  },
  {
    role: 'tool',
    content: [
      { type: 'tool-result', toolCallId: 'c', toolName: 't', output: { type: 'text', value: 'r' } },
    ],
  },
];

describe('findLatestUserMessage', () => {
  it('searches backwards past tool messages and joins text parts, leaving files out', () => {
    expect(findLatestUserMessage(prompt)).toEqual({ index: 3, text: 'Second\n\nquestion' });
  });

  it('returns undefined without user text', () => {
    expect(findLatestUserMessage([{ role: 'system', content: 'x' }])).toBeUndefined();
    expect(findLatestUserMessage([{ role: 'user', content: [file as never] }])).toBeUndefined();
  });
});

describe('replaceUserText', () => {
  it('replaces only the text parts of that message, keeps files, and mutates nothing', () => {
    const before = structuredClone(prompt);
    const next = replaceUserText(prompt, 3, 'Enhanced');
    expect(prompt).toEqual(before);
    expect(next[3]).toEqual({ role: 'user', content: [{ type: 'text', text: 'Enhanced' }, file] });
    expect(next[1]).toBe(prompt[1]);
    expect(next[0]).toBe(prompt[0]);
    expect(next[5]).toBe(prompt[5]);
  });
});
