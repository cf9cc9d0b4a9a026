import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { afterPendingIo } from '../http/after-pending-io.js';
import { delay } from '../http/delay.js';
import { pathOf } from '../http/path-of.js';
import { BodyTooLargeError, readBody } from '../http/read-body.js';
import { stopWatching, watchUnread } from '../http/unread-watch.js';
import type { AdLedger } from './ad-ledger.js';
import { answerRequest } from './answer-request.js';
import { API_KEY_HEADER } from './api-key.js';
import { FaultSyntaxError, type TargetedFault } from './fault.js';
import { isRecord } from './field-errors.js';
import { formatLogLine } from './log-line.js';
import { FAULT_HEADER, type FaultPlan, planFaults, UnknownMarkerError } from './plan-faults.js';
import type { RandomFaultRates } from './random-faults.js';
import type { RecordedRequest } from './recorded-request.js';
import { errorReply, type Reply } from './reply.js';

/** The start endpoint's path, exactly as the contract spells it. */
export const START_PATH = '/api/ad-injection/start/';
/** The acknowledge endpoint's path, exactly as the contract spells it. */
export const ACKNOWLEDGE_PATH = '/api/ad-injection/acknowledge/';

const BODY_LIMIT_BYTES = 1024 * 1024;

/** The sandbox's shared state, as the request handler sees it. */
export interface SandboxState {
  ledger: AdLedger;
  requests: RecordedRequest[];
  serverFaults: readonly TargetedFault[];
  random: { seed: number; rates: Required<RandomFaultRates> } | undefined;
  log: ((line: string) => void) | undefined;
  /** One controller per request in progress; the sandbox aborts them all when it closes. */
  active: Set<AbortController>;
  /** True once the sandbox is closing. */
  isClosing: () => boolean;
  nextId: () => number;
}

/**
 * Handles one HTTP request: records it, routes it, applies its faults (latency, then the answer
 * a fault replaces), answers by the contract, and logs one line.
 */
export async function handleRequest(
  state: SandboxState,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const startedAt = performance.now();
  const gone = new AbortController();
  state.active.add(gone);
  response.once('close', () => {
    state.active.delete(gone);
    if (!response.writableFinished) gone.abort();
  });

  stopWatching(request.socket); // a new request: the client read the previous answer
  const method = request.method ?? 'GET';
  const path = pathOf(request.url);
  let text: string;
  let tooLarge = false;
  try {
    text = await readBody(request, BODY_LIMIT_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) return; // the client left mid-body
    text = '';
    tooLarge = true;
  }
  const json = parseJson(text);
  const record: RecordedRequest = {
    id: state.nextId(),
    method,
    path,
    headers: flattenHeaders(request.headers),
    body: json !== undefined ? json.value : text === '' ? undefined : text,
    status: undefined,
    responseBody: undefined,
    outcome: undefined,
    faults: [],
    durationMs: undefined,
  };
  state.requests.push(record);

  const log = (outcome: string) =>
    state.log?.(
      formatLogLine({
        method,
        path,
        status: record.status,
        durationMs: performance.now() - startedAt,
        outcome,
        faults: record.faults,
      }),
    );
  const finish = (reply: Reply | 'gone') => {
    record.durationMs = performance.now() - startedAt;
    const ad = reply !== 'gone' && reply.kind === 'json' ? reply.ad : undefined;
    if (reply === 'gone' || response.destroyed) {
      record.outcome = state.isClosing() ? 'sandbox-closed' : 'client-closed';
    } else if (reply.kind === 'hang') {
      record.outcome = reply.outcome;
    } else if (reply.kind === 'reset') {
      record.outcome = reply.outcome;
      request.socket.resetAndDestroy();
    } else {
      const payload = reply.kind === 'json' ? JSON.stringify(reply.body) : reply.text;
      response.writeHead(reply.status, {
        'Content-Type': 'application/json',
        ...(reply.kind === 'json' ? reply.headers : undefined),
        ...(tooLarge ? { Connection: 'close' } : undefined),
      });
      response.end(payload);
      record.status = reply.status;
      record.responseBody = reply.kind === 'json' ? reply.body : reply.text;
      record.outcome = reply.outcome;
      if (ad !== undefined) ad.delivery = 'sent';
      watchUnread(request.socket, () => {
        record.status = undefined;
        record.outcome = `unread ${reply.status}: ${reply.outcome}`;
        if (ad !== undefined) ad.delivery = 'unread';
        log(`client reset the connection before reading the ${reply.status} answer`);
      });
    }
    log(record.outcome ?? '');
  };
  /** Ends a request processed but not answered: the client left during a `slow` fault. */
  const unsent = (reply: Reply) => {
    if (reply.kind !== 'json' && reply.kind !== 'text') return finish('gone');
    record.durationMs = performance.now() - startedAt;
    record.outcome = `unsent ${reply.status}: ${reply.outcome}`;
    if (reply.kind === 'json' && reply.ad !== undefined) reply.ad.delivery = 'not-sent';
    log(record.outcome);
  };

  if (tooLarge) {
    return finish(
      errorReply(413, 'payload_too_large', 'The request body is larger than 1 MiB.', 'too-large'),
    );
  }
  const target = route(method, path);
  if (typeof target !== 'string') return finish(target);

  const adResponseId = isRecord(json?.value) ? json.value.ad_response_id : undefined;
  const ad =
    target === 'acknowledge' && typeof adResponseId === 'string'
      ? state.ledger.get(adResponseId)
      : undefined;
  let plan: FaultPlan;
  try {
    plan = planFaults({
      target,
      header: headerValue(request.headers[FAULT_HEADER]),
      body: json?.value,
      serverFaults: state.serverFaults,
      random: state.random,
      ad,
      nextAttempt: state.ledger.nextAttempt,
    });
  } catch (error) {
    if (error instanceof FaultSyntaxError || error instanceof UnknownMarkerError) {
      return finish(errorReply(400, 'invalid_sandbox_fault', error.message, 'invalid-fault'));
    }
    throw error;
  }
  record.faults = plan.labels;
  if (plan.latencyMs > 0) await delay(plan.latencyMs, gone.signal);
  // A client that gave up while its request waited to be read (its timeout fired under load) is
  // seen once pending I/O has run: then nothing is processed or stored for it.
  await afterPendingIo();
  if (gone.signal.aborted || request.socket.destroyed) return finish('gone');

  const reply = answerRequest(state, plan, {
    target,
    apiKeyHeader: request.headers[API_KEY_HEADER],
    body: json,
    ad,
    startedAt,
    requestId: record.id,
  });
  // A `slow` fault: the request is processed (a start's ad is issued) before the wait.
  if (plan.answerDelayMs > 0 && !(await delay(plan.answerDelayMs, gone.signal))) {
    return unsent(reply);
  }
  if (response.destroyed) return unsent(reply);
  return finish(reply);
}

function route(method: string, path: string): 'start' | 'acknowledge' | Reply {
  if (path === START_PATH || path === ACKNOWLEDGE_PATH) {
    if (method !== 'POST') {
      return {
        kind: 'json',
        status: 405,
        headers: { Allow: 'POST' },
        body: { detail: `Method "${method}" not allowed.`, code: 'method_not_allowed' },
        outcome: 'method-not-allowed',
      };
    }
    return path === START_PATH ? 'start' : 'acknowledge';
  }
  const slash =
    path === START_PATH.slice(0, -1) || path === ACKNOWLEDGE_PATH.slice(0, -1)
      ? ' (the paths end with a slash)'
      : '';
  return errorReply(
    404,
    'not_found',
    `Not found${slash}. The sandbox serves POST ${START_PATH} and POST ${ACKNOWLEDGE_PATH}.`,
    'not-found',
  );
}

function parseJson(text: string): { value: unknown } | undefined {
  if (text.trim() === '') return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
