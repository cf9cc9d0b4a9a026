import type {
  LanguageModelV2StreamPart,
  LanguageModelV3StreamPart,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import type { FinishReason, SpecAdapter } from './spec-adapter.js';
import { specOfModel } from './spec-of-model.js';

const model = (specificationVersion: string) => ({
  specificationVersion,
  provider: 'p',
  modelId: 'm',
});

/** Each spec's own spelling of the same answer: text, an error part, and a tool-calls finish. */
const cases: Array<{
  version: 'v2' | 'v3' | 'v4';
  parts: unknown[];
  finish: (unified: FinishReason) => unknown;
}> = [
  {
    version: 'v2',
    parts: [
      { type: 'text-delta', id: '0', delta: 'Hi ' },
      { type: 'error', error: new Error('x') },
      { type: 'reasoning-delta', id: 'r', delta: 'hidden' },
      {
        type: 'finish',
        finishReason: 'tool-calls',
        usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
        providerMetadata: { openai: { id: 'r1' } },
      },
    ] satisfies LanguageModelV2StreamPart[],
    finish: (unified) => unified,
  },
  {
    version: 'v3',
    parts: [
      { type: 'text-delta', id: '0', delta: 'Hi ' },
      { type: 'error', error: new Error('x') },
      { type: 'reasoning-delta', id: 'r', delta: 'hidden' },
      {
        type: 'finish',
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        usage: {
          inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: 1, text: 1, reasoning: undefined },
        },
        providerMetadata: { openai: { id: 'r1' } },
      },
    ] satisfies LanguageModelV3StreamPart[],
    finish: (unified) => ({ unified, raw: unified }),
  },
  {
    version: 'v4',
    parts: [
      { type: 'text-delta', id: '0', delta: 'Hi ' },
      { type: 'error', error: new Error('x') },
      { type: 'reasoning-delta', id: 'r', delta: 'hidden' },
      {
        type: 'finish',
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        usage: {
          inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: 1, text: 1, reasoning: undefined },
        },
        providerMetadata: { openai: { id: 'r1' } },
      },
    ] satisfies LanguageModelV4StreamPart[],
    finish: (unified) => ({ unified, raw: unified }),
  },
];

describe.each(cases)('the $version adapter', ({ version, parts, finish }) => {
  const spec = specOfModel(model(version)) as SpecAdapter;

  it('is the one a model of that spec gets', () => {
    expect(spec.version).toBe(version);
  });

  it('reads text starts, text deltas, error parts and the finish reason; the rest is other', () => {
    expect(spec.readPart({ type: 'text-start', id: '0' })).toEqual({ kind: 'text-start' });
    expect(parts.map((part) => spec.readPart(part))).toEqual([
      { kind: 'text', delta: 'Hi ' },
      { kind: 'error' },
      { kind: 'other' },
      { kind: 'finish', reason: 'tool-calls' },
    ]);
  });

  it('adds metadata to the finish part beside the provider’s own, without mutating it', () => {
    const finishPart = parts.at(-1);
    const copy = structuredClone(finishPart);
    const merged = spec.withPartMetadata(finishPart, { adstract: { status: 'filled' } });
    expect(merged).toMatchObject({
      type: 'finish',
      providerMetadata: { openai: { id: 'r1' }, adstract: { status: 'filled' } },
    });
    expect(finishPart).toEqual(copy);
  });

  it('reads the text and finish reason of a generate result, and adds metadata to it', () => {
    const result = {
      content: [
        { type: 'reasoning', text: 'hidden' },
        { type: 'text', text: 'Hello ' },
        { type: 'tool-call', toolCallId: 'c', toolName: 't', input: '{}' },
        { type: 'text', text: 'world' },
      ],
      finishReason: finish('stop'),
      providerMetadata: { openai: { id: 'r1' } },
    };
    expect(spec.readGenerateResult(result)).toEqual({ text: 'Hello world', finishReason: 'stop' });
    expect(spec.withGenerateMetadata(result, { adstract: { status: 'skipped' } })).toMatchObject({
      providerMetadata: { openai: { id: 'r1' }, adstract: { status: 'skipped' } },
    });
  });
});

describe('specOfModel', () => {
  it('reads V2’s `unknown` finish reason as `other`', () => {
    const spec = specOfModel(model('v2')) as SpecAdapter;
    expect(spec.readPart({ type: 'finish', finishReason: 'unknown' })).toEqual({
      kind: 'finish',
      reason: 'other',
    });
  });

  it.each(['v1', 'v5', '', 'toString', '__proto__'])('knows no spec %j', (version) => {
    expect(specOfModel(model(version))).toBeUndefined();
  });

  it('knows no spec without a model', () => {
    expect(specOfModel(undefined)).toBeUndefined();
  });
});
