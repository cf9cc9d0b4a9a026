'use client';

import { useChat } from '@ai-sdk/react';
import { generateId } from 'ai';
import { useEffect, useRef, useState } from 'react';
import type { ChatMessage } from '../lib/chat-message';
import { messageText } from '../lib/message-text';
import type { StandIns } from '../lib/stand-ins';
import { AssistantAnswer } from './assistant-answer';
import { Composer } from './composer';
import { StandInNotice } from './stand-in-notice';
import { useFollowNewest } from './use-follow-newest';

const SUGGESTIONS = ['What steps improve user retention?', 'What is 2 + 2?'];
/** How long Stop waits for the server to end the answer before dropping the connection. */
const STOP_FALLBACK_MS = 3_000;

export function Chat({ standIns }: { standIns: StandIns }) {
  const { messages, sendMessage, regenerate, stop, status, error } = useChat<ChatMessage>();
  const [draft, setDraft] = useState('');
  const [stopped, setStopped] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const answerId = useRef('');
  const stopRequested = useRef(false);
  const follow = useFollowNewest(list);
  const busy = status === 'submitted' || status === 'streaming';
  const last = messages.at(-1);

  // Each answer asked for gets an id the Stop button can name (see lib/answer-stops.ts).
  const nextAnswer = () => {
    answerId.current = generateId();
    stopRequested.current = false;
    return { body: { answerId: answerId.current } };
  };
  const send = (text: string) => {
    if (text.trim() === '' || busy) return;
    void sendMessage({ text }, nextAnswer());
    setDraft('');
    input.current?.focus();
    follow();
  };
  const retry = () => {
    void regenerate(nextAnswer());
    input.current?.focus();
  };
  const stopAnswer = () => {
    const stopping = answerId.current;
    stopRequested.current = true;
    // The server ends the stream where it is, so the text shown is the text acknowledged.
    // Dropping the connection (`stop()`) is the fallback when it cannot be reached.
    const dropConnection = () => {
      if (answerId.current === stopping) void stop();
    };
    const fallback = setTimeout(dropConnection, STOP_FALLBACK_MS);
    fetch(`/api/chat?answer=${encodeURIComponent(stopping)}`, { method: 'DELETE' }).then(
      (response) => {
        if (response.ok) return;
        clearTimeout(fallback);
        dropConnection();
      },
      () => {
        clearTimeout(fallback);
        dropConnection();
      },
    );
    input.current?.focus();
  };

  // When an answer ends: announce it (once, whole), mark it if it was stopped, and bring focus
  // back to the field if it was lost (the Stop button it was on is gone).
  const wasBusy = useRef(false);
  useEffect(() => {
    if (busy || !wasBusy.current) {
      wasBusy.current = busy;
      return;
    }
    wasBusy.current = false;
    if (last?.role === 'assistant') {
      if (stopRequested.current) setStopped((ids) => new Set(ids).add(last.id));
      const answer = list.current?.querySelector(
        `[data-message-id="${CSS.escape(last.id)}"] .bubble`,
      );
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, with its blocks apart.
      const text = answer instanceof HTMLElement ? answer.innerText.trim() : '';
      if (text !== '') setAnnouncement(`Assistant: ${text}`);
    }
    const focused = document.activeElement;
    if (focused === null || focused === document.body) input.current?.focus();
  }, [busy, last]);

  const waitingForText = busy && (last?.role !== 'assistant' || messageText(last) === '');

  return (
    <main className="chat">
      <header>
        <h1>Adstract chat</h1>
        <p>Answers may include one clearly labelled sponsored mention.</p>
        <StandInNotice standIns={standIns} />
      </header>
      <ol className="messages" data-testid="messages" ref={list}>
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
        {messages.map((message) => {
          const streaming = busy && message === last;
          // Joined like the middleware joins steps, so what is shown is what was acknowledged.
          const text = messageText(message);
          const assistant = message.role === 'assistant';
          // An answer that failed before its first word: the alert below says so.
          if (assistant && text === '' && !streaming && !stopped.has(message.id)) return null;
          return (
            <li
              key={message.id}
              className={`message ${message.role}`}
              data-testid={`message-${message.role}`}
              data-message-id={message.id}
            >
              <span className="role">{assistant ? 'Assistant' : 'You'}</span>
              <div
                className="bubble"
                data-testid="bubble"
                data-streaming={streaming ? 'true' : 'false'}
                data-text={text}
              >
                {!assistant ? (
                  text
                ) : streaming && text === '' ? (
                  <Thinking />
                ) : (
                  <AssistantAnswer message={message} text={text} streaming={streaming} />
                )}
                {stopped.has(message.id) && <p className="stopped">Stopped</p>}
              </div>
            </li>
          );
        })}
        {waitingForText && last?.role !== 'assistant' && (
          <li className="message assistant" data-testid="message-pending">
            <span className="role">Assistant</span>
            <div className="bubble">
              <Thinking />
            </div>
          </li>
        )}
      </ol>
      {error && !busy && (
        <div className="error" role="alert">
          <span>The assistant could not answer.</span>
          <button type="button" onClick={retry}>
            Retry
          </button>
        </div>
      )}
      <p className="visually-hidden" role="status" data-testid="announcer">
        {announcement}
      </p>
      <Composer
        input={input}
        value={draft}
        onChange={setDraft}
        onSend={() => send(draft)}
        onStop={stopAnswer}
        busy={busy}
      />
    </main>
  );
}

/** Shown from Send to the first word (the ad request may take a few seconds). */
function Thinking() {
  return (
    <span className="thinking" data-testid="thinking">
      Thinking
      <span className="dots" aria-hidden="true">
        <span>.</span>
        <span>.</span>
        <span>.</span>
      </span>
    </span>
  );
}
