import { createServer } from 'node:http';
import { closeServer } from '../http/close-server.js';
import { trackConnections } from '../http/connection-tracker.js';
import { baseUrl, listen } from '../http/listen.js';
import { type LoggerOption, resolveLogger } from '../http/logger.js';
import {
  handleModelRequest,
  type ModelRequest,
  type StandInState,
} from './handle-model-request.js';
import { createItemStore } from './item-store.js';
import { openaiErrorBody } from './openai-error.js';

/** How many output items the stand-in keeps for `item_reference` inputs (the most recent ones). */
const STORED_ITEMS_LIMIT = 10_000;

/** Options of {@link startModelStandIn}. */
export interface ModelStandInOptions {
  /** Port to listen on. Default 0: a free port. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Pause between streamed deltas, in ms. Default 0. */
  chunkDelayMs?: number;
  /** `false` (default) is silent, `true` logs one line per request to stdout, or pass a function. */
  logger?: LoggerOption;
}

/** Options of {@link ModelStandIn.failNext}. */
export interface FailNextOptions {
  /** HTTP status of the failures, e.g. 500 or 429. */
  status: number;
  /** How many of the next model requests fail. Default 1. */
  count?: number;
  /** Sent as `retry-after-ms` (which the AI SDK's retries honour). Default 0: retry at once. */
  retryAfterMs?: number;
}

/** A running OpenAI-compatible model stand-in. */
export interface ModelStandIn {
  /** Base URL ending in `/v1`, for `createOpenAI({ baseURL })` or `OPENAI_BASE_URL`. */
  readonly url: string;
  readonly port: number;
  /** Every request since start (or the last `reset()`), failed ones included. */
  readonly requests: readonly ModelRequest[];
  /** TCP connections accepted since start. */
  readonly connections: number;
  /** TCP connections open right now. */
  readonly openConnections: number;
  /** Makes the next `count` model requests fail with `status` and an OpenAI-style error body. */
  failNext(options: FailNextOptions): void;
  /** Changes the pause between streamed deltas (also for streams already running). */
  setChunkDelay(ms: number): void;
  /** Forgets requests and pending failures, and restores the initial chunk delay. */
  reset(): void;
  /** Stops the server and ends every connection, streams included. */
  close(): Promise<void>;
}

/**
 * Starts a local OpenAI-compatible model: Chat Completions (`POST /v1/chat/completions`) and
 * Responses (`POST /v1/responses`), JSON or streamed. It answers the latest user message
 * deterministically, follows a sandbox ad instruction (the sponsored mention appears exactly
 * once), and calls a tool whose name matches the question until the tool's result is back.
 *
 * @example
 * const standIn = await startModelStandIn();
 * const openai = createOpenAI({ baseURL: standIn.url, apiKey: 'stand-in' });
 */
export async function startModelStandIn(options: ModelStandInOptions = {}): Promise<ModelStandIn> {
  const host = options.host ?? '127.0.0.1';
  const initialDelay = checkDelay(options.chunkDelayMs ?? 0);
  let chunkDelayMs = initialDelay;
  const state: StandInState = {
    requests: [],
    failures: [],
    log: resolveLogger(options.logger, false, '[model-stand-in]'),
    active: new Set(),
    chunkDelayMs: () => chunkDelayMs,
    items: createItemStore(STORED_ITEMS_LIMIT),
  };

  const server = createServer((request, response) => {
    handleModelRequest(state, request, response).catch((error: unknown) => {
      if (!response.headersSent && !response.destroyed) {
        response.writeHead(500, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(openaiErrorBody(500, 'Model stand-in internal error.')));
      } else if (!response.destroyed) {
        response.destroy();
      }
      state.log?.(`internal error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  const tracker = trackConnections(server);
  const port = await listen(server, options.port ?? 0, host);
  let closed: Promise<void> | undefined;

  return {
    url: `${baseUrl(host, port)}/v1`,
    port,
    get requests() {
      return state.requests;
    },
    get connections() {
      return tracker.accepted;
    },
    get openConnections() {
      return tracker.open;
    },
    failNext({ status, count = 1, retryAfterMs = 0 }) {
      if (!Number.isInteger(status) || status < 400 || status > 599) {
        throw new RangeError('failNext: status must be an HTTP error status (400 to 599)');
      }
      if (!Number.isInteger(count) || count < 0) {
        throw new RangeError('failNext: count must be an integer ≥ 0');
      }
      if (!Number.isFinite(retryAfterMs) || retryAfterMs < 0) {
        throw new RangeError('failNext: retryAfterMs must be a number ≥ 0');
      }
      for (let index = 0; index < count; index++) state.failures.push({ status, retryAfterMs });
    },
    setChunkDelay(ms) {
      chunkDelayMs = checkDelay(ms);
    },
    reset() {
      state.requests.length = 0;
      state.failures.length = 0;
      chunkDelayMs = initialDelay;
    },
    close() {
      for (const controller of state.active) controller.abort();
      closed ??= closeServer(server, tracker);
      return closed;
    },
  };
}

function checkDelay(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError('chunkDelayMs must be a number ≥ 0');
  return ms;
}
