import { describe, expect, it } from 'vitest';
import type { ChatMessage } from './chat-message';
import { messageText } from './message-text';

const message = (parts: ChatMessage['parts']): ChatMessage => ({
  id: 'm',
  role: 'assistant',
  parts,
});

describe('messageText', () => {
  it('joins the steps of a tool loop with a blank line, as the middleware acknowledges them', () => {
    expect(
      messageText(
        message([
          { type: 'step-start' },
          { type: 'text', text: 'Let me check.' },
          {
            type: 'tool-weather',
            toolCallId: 'c1',
            state: 'output-available',
            input: {},
            output: { temperature: 21 },
          },
          { type: 'step-start' },
          { type: 'text', text: 'It is 21 degrees. ' },
          { type: 'text', text: '<ADS>Acme Umbrellas</ADS>' },
        ]),
      ),
    ).toBe('Let me check.\n\nIt is 21 degrees. <ADS>Acme Umbrellas</ADS>');
  });

  it('leaves out steps without text (a step that only called a tool)', () => {
    expect(
      messageText(
        message([
          { type: 'step-start' },
          {
            type: 'tool-weather',
            toolCallId: 'c1',
            state: 'output-available',
            input: {},
            output: {},
          },
          { type: 'step-start' },
          { type: 'text', text: 'Sunny.' },
        ]),
      ),
    ).toBe('Sunny.');
    expect(messageText(message([{ type: 'text', text: 'No steps marked.' }]))).toBe(
      'No steps marked.',
    );
  });
});
