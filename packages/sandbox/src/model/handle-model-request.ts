import type { IncomingMessage, ServerResponse } from 'node:http';
import { pathOf } from '../http/path-of.js';
import { BodyTooLargeError, readBody } from '../http/read-body.js';
import { chatCompletionBody, streamChatCompletion } from './chat-completions.js';
import { type Conversation, isObject } from './conversation.js';
import { openEventStream } from './event-stream.js';
import type { ItemStore } from './item-store.js';
import { openaiErrorBody } from './openai-error.js';
import { planTurn } from './plan-turn.js';
import { readChatRequest } from './read-chat-request.js';
import { readResponsesRequest } from './read-responses-request.js';
import { responseBody, storedOutputItem, streamResponse } from './responses-api.js';
import { createTurnContext } from './turn-context.js';

/** One request the stand-in received. */
export interface ModelRequest {
  method: string;
  /** E.g. `/v1/chat/completions` or `/v1/responses`. */
  path: string;
  /** The parsed JSON body (raw text when it is not JSON). */
  body: unknown;
  /** The HTTP status answered (200 for streams), once answered. */
  status: number | undefined;
}

/** The stand-in's shared state, as the request handler sees it. */
export interface StandInState {
  requests: ModelRequest[];
  /** Pending `failNext` failures, one per request to fail. */
  failures: Array<{ status: number; retryAfterMs: number }>;
  log: ((line: string) => void) | undefined;
  /** One controller per request in progress; the stand-in aborts them all when it closes. */
  active: Set<AbortController>;
  /** The current pause between streamed deltas. */
  chunkDelayMs: () => number;
  /** Output items of earlier Responses answers, for `item_reference` inputs. */
  items: ItemStore;
}

const BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/**
 * Handles one request: records it, answers a pending `failNext` failure, or plans the turn and
 * answers it as JSON or as a stream, in the API's own format; logs one line.
 */
export async function handleModelRequest(
  state: StandInState,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const { requests, failures, log, active } = state;
  const startedAt = performance.now();
  const gone = new AbortController();
  active.add(gone);
  response.once('close', () => {
    active.delete(gone);
    if (!response.writableFinished) gone.abort();
  });
  const method = request.method ?? 'GET';
  const path = pathOf(request.url).replace(/\/+$/, '');
  let text: string;
  try {
    text = await readBody(request, BODY_LIMIT_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) return;
    text = '';
  }
  const parsed = parseJson(text);
  const record: ModelRequest = {
    method,
    path,
    body: parsed === undefined ? (text === '' ? undefined : text) : parsed.value,
    status: undefined,
  };
  requests.push(record);
  const done = (status: number, summary: string) => {
    record.status = status;
    log?.(`${method} ${path} ${status} ${Math.round(performance.now() - startedAt)}ms ${summary}`);
  };
  const sendJson = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (response.destroyed) return;
    response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
  const fail = (status: number, message: string, code: string | null = null) => {
    sendJson(status, openaiErrorBody(status, message, code));
    done(status, code ?? 'error');
  };

  if (method === 'GET' && path === '/v1/models') {
    sendJson(200, {
      object: 'list',
      data: [{ id: 'gpt-5-mini', object: 'model', created: 0, owned_by: 'adstract-sandbox' }],
    });
    return done(200, 'models');
  }
  const api =
    path === '/v1/chat/completions' ? 'chat' : path === '/v1/responses' ? 'responses' : undefined;
  if (api === undefined) return fail(404, `Unknown path ${method} ${path}.`, 'unknown_url');
  if (method !== 'POST') return fail(405, `Use POST for ${path}.`, 'method_not_allowed');

  const failure = failures.shift();
  if (failure !== undefined) {
    sendJson(
      failure.status,
      openaiErrorBody(
        failure.status,
        `Simulated ${failure.status} from the model stand-in (failNext).`,
      ),
      { 'retry-after-ms': String(failure.retryAfterMs) },
    );
    return done(failure.status, 'failNext');
  }
  if (parsed === undefined || !isObject(parsed.value)) {
    return fail(400, 'The request body must be a JSON object.', 'invalid_json');
  }
  const body = parsed.value;
  if (api === 'chat' && !Array.isArray(body.messages)) {
    return fail(400, "Missing required parameter: 'messages'.", 'missing_required_parameter');
  }
  if (api === 'responses' && typeof body.input !== 'string' && !Array.isArray(body.input)) {
    return fail(400, "Missing required parameter: 'input'.", 'missing_required_parameter');
  }
  const conversation: Conversation =
    api === 'chat' ? readChatRequest(body) : readResponsesRequest(body, state.items.get);
  const turn = planTurn(conversation);
  const context = createTurnContext(body.model, conversation.allText);
  // OpenAI stores a response's items unless asked not to (`store: false`).
  if (api === 'responses' && body.store !== false) {
    state.items.remember(...storedOutputItem(turn, context));
  }
  const summary = `${api}${body.stream === true ? ' stream' : ''} ${
    turn.kind === 'text' ? 'text' : `tool-call ${turn.name}`
  }`;
  if (body.stream !== true) {
    sendJson(200, api === 'chat' ? chatCompletionBody(turn, context) : responseBody(turn, context));
    return done(200, summary);
  }
  const stream = openEventStream(response, gone.signal, state.chunkDelayMs);
  record.status = 200;
  if (api === 'chat') {
    const streamOptions = isObject(body.stream_options) ? body.stream_options : {};
    await streamChatCompletion(stream, turn, context, streamOptions.include_usage === true);
  } else {
    await streamResponse(stream, turn, context);
  }
  done(200, gone.signal.aborted ? `${summary} (client left)` : summary);
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return text.trim() === '' ? undefined : { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}
