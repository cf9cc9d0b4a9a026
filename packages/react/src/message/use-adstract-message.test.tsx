import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AdstractMessageMetadata } from './adstract-message-metadata.js';
import { useAdstractMessage } from './use-adstract-message.js';

/** The shape of an AI SDK UIMessage, without depending on `ai`. */
interface Message<Metadata> {
  id: string;
  role: 'assistant';
  metadata?: Metadata;
  parts: Array<{ type: 'text'; text: string }>;
}

const message = (metadata?: AdstractMessageMetadata): Message<AdstractMessageMetadata> => ({
  id: 'm1',
  role: 'assistant',
  ...(metadata ? { metadata } : {}),
  parts: [{ type: 'text', text: 'Hi' }],
});

describe('useAdstractMessage', () => {
  it('reads the status and product name the server attached', () => {
    const { result } = renderHook(() =>
      useAdstractMessage(message({ adstract: { status: 'filled', productName: 'Acme' } })),
    );
    expect(result.current).toEqual({ status: 'filled', productName: 'Acme' });
  });

  it('reads nothing from a message without Adstract metadata, or without a message', () => {
    for (const input of [
      message(),
      undefined,
      null,
      { metadata: 'x' },
      { metadata: { other: 1 } },
    ]) {
      const { result } = renderHook(() => useAdstractMessage(input));
      expect(result.current).toEqual({ status: undefined, productName: undefined });
    }
  });

  it('trusts nothing in the metadata: unknown statuses and non-strings read as absent', () => {
    const { result } = renderHook(() =>
      useAdstractMessage({ metadata: { adstract: { status: 'ok', productName: 42 } } }),
    );
    expect(result.current).toEqual({ status: undefined, productName: undefined });
    const { result: blank } = renderHook(() =>
      useAdstractMessage({ metadata: { adstract: { status: 'no-fill', productName: '  ' } } }),
    );
    expect(blank.current).toEqual({ status: 'no-fill', productName: undefined });
  });

  it('keeps the same result object while status and product name do not change', () => {
    const { result, rerender } = renderHook(({ value }) => useAdstractMessage(value), {
      initialProps: { value: message({ adstract: { status: 'filled', productName: 'Acme' } }) },
    });
    const first = result.current;
    rerender({ value: message({ adstract: { status: 'filled', productName: 'Acme' } }) });
    expect(result.current).toBe(first);
    rerender({ value: message({ adstract: { status: 'filled', productName: 'Bolt' } }) });
    expect(result.current).toEqual({ status: 'filled', productName: 'Bolt' });
  });
});
