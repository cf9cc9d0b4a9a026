'use client';

import { useChat } from '@ai-sdk/react';
import { type FormEvent, useState } from 'react';
import type { ChatMessage } from '../lib/chat-message';
import { messageText } from '../lib/message-text';
import { SponsoredText } from './sponsored-text';

const SUGGESTIONS = ['How can I improve user retention?', 'What is 2 + 2?'];

export default function ChatPage() {
  const { messages, sendMessage, status, error } = useChat<ChatMessage>();
  const [input, setInput] = useState('');
  const busy = status === 'submitted' || status === 'streaming';

  const send = (text: string) => {
    if (text.trim() === '' || busy) return;
    void sendMessage({ text });
    setInput('');
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send(input);
  };

  return (
    <main className="chat">
      <header>
        <h1>Adstract chat</h1>
        <p>Answers may include one clearly labelled sponsored mention.</p>
      </header>
      <ol className="messages" data-testid="messages">
        {messages.length === 0 && (
          <li className="empty">
            Try:{' '}
            {SUGGESTIONS.map((suggestion) => (
              <button
                key={suggestion}
                type="button"
                className="chip"
                onClick={() => send(suggestion)}
              >
                {suggestion}
              </button>
            ))}
          </li>
        )}
        {messages.map((message, index) => {
          const streaming = busy && index === messages.length - 1;
          // Joined like the middleware joins steps, so what is shown is what was acknowledged.
          const text = messageText(message);
          return (
            <li
              key={message.id}
              className={`message ${message.role}`}
              data-testid={`message-${message.role}`}
            >
              <span className="role">{message.role === 'user' ? 'You' : 'Assistant'}</span>
              <div
                className="bubble"
                data-testid="bubble"
                data-streaming={streaming ? 'true' : 'false'}
                data-text={text}
              >
                {message.role === 'assistant' ? (
                  <SponsoredText
                    text={text}
                    productName={message.metadata?.adstract?.productName}
                    streaming={streaming}
                  />
                ) : (
                  text
                )}
              </div>
            </li>
          );
        })}
      </ol>
      {error && <p className="error">Something went wrong. Please try again.</p>}
      <form onSubmit={onSubmit} className="composer">
        <input
          aria-label="Message"
          placeholder="Ask anything…"
          value={input}
          onChange={(event) => setInput(event.target.value)}
          disabled={busy}
        />
        <button type="submit" disabled={busy || input.trim() === ''}>
          {busy ? '…' : 'Send'}
        </button>
      </form>
    </main>
  );
}
