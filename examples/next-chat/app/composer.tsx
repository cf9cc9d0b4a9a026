'use client';

import type { FormEvent, RefObject } from 'react';

/**
 * The message field with Send, or Stop while an answer is coming. The field stays enabled (and
 * focused) while the assistant answers: the next message can be written meanwhile.
 */
export function Composer(props: {
  input: RefObject<HTMLInputElement | null>;
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  busy: boolean;
}) {
  const { input, value, onChange, onSend, onStop, busy } = props;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSend();
  };
  return (
    <div className="dock">
      <form onSubmit={onSubmit} className="composer">
        <input
          ref={input}
          aria-label="Message"
          placeholder="Ask anything…"
          autoComplete="off"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
        {busy ? (
          <button type="button" className="stop" onClick={onStop}>
            Stop
          </button>
        ) : (
          <button type="submit" disabled={value.trim() === ''}>
            Send
          </button>
        )}
      </form>
    </div>
  );
}
