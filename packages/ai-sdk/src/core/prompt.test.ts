import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { findLatestUserMessage, insertEnhancedPrompt } from './prompt.js';

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

describe('insertEnhancedPrompt', () => {
  const image = (name: string) => ({
    type: 'file' as const,
    mediaType: 'image/png',
    data: { type: 'url' as const, url: new URL(`https://example.com/${name}.png`) },
  });
  const labelled: LanguageModelV4Prompt = [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Chart A:' },
        image('a'),
        { type: 'text', text: 'Chart B: which grew faster?' },
        image('b'),
      ],
    },
  ];
  const sent = 'Chart A:\n\nChart B: which grew faster?';

  it('keeps two labelled images next to their labels when instructions are appended', () => {
    const next = insertEnhancedPrompt(labelled, 0, `${sent}\n\n[AD: mention Acme]`);
    expect(next[0]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'Chart A:' },
        image('a'),
        { type: 'text', text: 'Chart B: which grew faster?\n\n[AD: mention Acme]' },
        image('b'),
      ],
    });
  });

  it('puts instructions placed before the text at the start of the first text part', () => {
    const next = insertEnhancedPrompt(labelled, 0, `[AD first]\n${sent}\n[AD last]`);
    const content = (next[0] as { content: Array<{ type: string; text?: string }> }).content;
    expect(content.map((part) => part.text ?? part.type)).toEqual([
      '[AD first]\nChart A:',
      'file',
      'Chart B: which grew faster?\n[AD last]',
      'file',
    ]);
  });

  it('replaces the first text part and keeps the files when Adstract rewrote the text', () => {
    const next = insertEnhancedPrompt(labelled, 0, 'Compare charts A and B, and mention Acme.');
    expect(next[0]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'Compare charts A and B, and mention Acme.' },
        image('a'),
        image('b'),
      ],
    });
  });

  it('changes only that message, and mutates nothing', () => {
    const before = structuredClone(prompt);
    const next = insertEnhancedPrompt(prompt, 3, 'Second\n\nquestion [AD]');
    expect(prompt).toEqual(before);
    expect(next[3]).toEqual({
      role: 'user',
      content: [{ type: 'text', text: 'Second' }, file, { type: 'text', text: 'question [AD]' }],
    });
    expect(next[1]).toBe(prompt[1]);
    expect(next[0]).toBe(prompt[0]);
    expect(next[5]).toBe(prompt[5]);
  });
});
