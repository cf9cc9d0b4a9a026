import type { ServerResponse } from 'node:http';
import { delay } from '../http/delay.js';

/** A server-sent-events answer that stops quietly once the client has left. */
export interface EventStream {
  /** Sends one event: `data` as JSON (a string is sent as it is, e.g. `[DONE]`), named when `event` is set. */
  send(data: unknown, event?: string): void;
  /** Waits the current chunk delay; resolves false when the client left or the stand-in closed. */
  pause(): Promise<boolean>;
  end(): void;
  /** False once the client has left. */
  readonly open: boolean;
}

/** Starts an SSE answer (status 200, `text/event-stream`). */
export function openEventStream(
  response: ServerResponse,
  signal: AbortSignal,
  delayMs: () => number,
): EventStream {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
  });
  const isOpen = () => !signal.aborted && !response.destroyed && !response.writableEnded;
  return {
    send(data, event) {
      if (!isOpen()) return;
      const payload = typeof data === 'string' ? data : JSON.stringify(data);
      response.write(`${event === undefined ? '' : `event: ${event}\n`}data: ${payload}\n\n`);
    },
    async pause() {
      const ms = delayMs();
      if (ms > 0) await delay(ms, signal);
      return isOpen();
    },
    end() {
      if (isOpen()) response.end();
    },
    get open() {
      return isOpen();
    },
  };
}

/**
 * Splits text into word-sized deltas that join back to exactly the text. A run of more than 16
 * characters without a space (JSON, a URL) is cut into 16-character pieces, as tokens would be.
 */
export function splitDeltas(text: string): string[] {
  return text.match(/^\s+|\S{1,16}\s*/g) ?? [];
}

/** Splits tool-call arguments into a few chunks, like a model streaming JSON. */
export function splitArguments(json: string): string[] {
  const size = Math.max(1, Math.ceil(json.length / 3));
  const chunks: string[] = [];
  for (let index = 0; index < json.length; index += size)
    chunks.push(json.slice(index, index + size));
  return chunks.length > 0 ? chunks : [''];
}
