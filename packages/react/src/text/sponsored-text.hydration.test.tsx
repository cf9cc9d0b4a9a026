import { act } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ANSWERS } from '../testing/answers.js';
import { textWithoutLabels } from '../testing/visible-text.js';
import { SponsoredText } from './sponsored-text.js';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('SponsoredText rendered on the server, then hydrated', () => {
  it.each(Object.entries(ANSWERS))('hydrates the %s answer without a mismatch', async (_, text) => {
    const errors = vi.spyOn(console, 'error');
    const container = document.createElement('div');
    document.body.append(container);
    const element = <SponsoredText text={text} productName="Acme" />;
    container.innerHTML = renderToString(element);
    const serverNote = container.querySelector('[role="note"]');
    const recoverable = vi.fn();
    await act(async () => {
      hydrateRoot(container, element, { onRecoverableError: recoverable });
    });
    expect(recoverable).not.toHaveBeenCalled();
    expect(errors).not.toHaveBeenCalled();
    expect(container.querySelector('[role="note"]')).toBe(serverNote); // kept, not re-created
    const visible = textWithoutLabels(container);
    expect(visible.startsWith('Track cohorts weekly.')).toBe(true);
    expect(visible.endsWith('Good luck!')).toBe(true);
  });
});
