import type { AdRecord } from './ad-ledger.js';
import {
  describeFault,
  type FaultTarget,
  parseFaults,
  type SandboxFault,
  type TargetedFault,
} from './fault.js';
import type { TerminalFault } from './fault-reply.js';
import { isRecord } from './field-errors.js';
import { readPromptMarkers } from './prompt-markers.js';
import { drawRandomFaults, type RandomFaultRates } from './random-faults.js';

/** The header that asks for faults on the request carrying it. */
export const FAULT_HEADER = 'x-sandbox-fault';

/** What the faults of one request add up to. */
export interface FaultPlan {
  /** Total added latency, before processing. */
  latencyMs: number;
  /** Total delay between processing and answering (`slow` faults). */
  answerDelayMs: number;
  /** The first fault that replaces the answer, if any. */
  terminal: TerminalFault | undefined;
  /** Acknowledge: answer 201 `recoverable_error` after processing. */
  recoverable: boolean;
  /** Start: faults to keep for this ad's acknowledge. */
  acknowledgeFaults: SandboxFault[];
  /** The applied faults, in the grammar, for the log and the recorded request. */
  labels: string[];
  /** The random-mode key of this request (empty outside random mode). */
  randomKey: string;
}

/** Everything a request's faults can come from. */
export interface FaultSources {
  target: FaultTarget;
  /** The `X-Sandbox-Fault` header. */
  header: string | undefined;
  /** The parsed JSON body, if it was JSON. */
  body: unknown;
  /** Server-wide faults (`startSandbox({ faults })`). */
  serverFaults: readonly TargetedFault[];
  random: { seed: number; rates: Required<RandomFaultRates> } | undefined;
  /** Acknowledge: the ad being acknowledged, when known. */
  ad: AdRecord | undefined;
  /** Counts attempts per key (so a retry gets its own random draw). */
  nextAttempt: (key: string) => number;
}

/**
 * Collects a request's faults: for start, prompt markers, then the header, then server-wide faults,
 * then the random draw; for acknowledge, the header, then the start's `ack=` faults, then
 * server-wide `ack=` faults, then the random draw. Latencies add up; the first fault that replaces
 * the answer wins. Throws `FaultSyntaxError` (a 400 for the caller) for a bad marker or header.
 */
export function planFaults(sources: FaultSources): FaultPlan {
  const { target } = sources;
  const body = isRecord(sources.body) ? sources.body : {};
  const listed: TargetedFault[] = [];
  if (target === 'start' && typeof body.prompt === 'string') {
    const markers = readPromptMarkers(body.prompt);
    if (markers.unknown.length > 0) {
      throw new UnknownMarkerError(`unknown sandbox marker ${markers.unknown.join(', ')}`);
    }
    for (const list of markers.faults) listed.push(...parseFaults(list, 'start'));
  }
  if (sources.header !== undefined) listed.push(...parseFaults(sources.header, target));

  const forThisCall = listed.filter((item) => item.target === target).map((item) => item.fault);
  if (target === 'acknowledge') forThisCall.push(...(sources.ad?.acknowledgeFaults ?? []));
  for (const item of sources.serverFaults) if (item.target === target) forThisCall.push(item.fault);

  let randomKey = '';
  if (sources.random !== undefined) {
    const { seed, rates } = sources.random;
    randomKey = randomKeyOf(sources, body);
    forThisCall.push(...drawRandomFaults(seed, rates, target, randomKey));
  }

  let latencyMs = 0;
  let answerDelayMs = 0;
  let terminal: TerminalFault | undefined;
  let recoverable = false;
  for (const fault of forThisCall) {
    if (fault.type === 'latency') latencyMs += fault.ms;
    else if (fault.type === 'slow') answerDelayMs += fault.ms;
    else if (fault.type === 'recoverable-error') recoverable = true;
    else terminal ??= fault;
  }
  const labels: string[] = [];
  if (latencyMs > 0) labels.push(`latency=${latencyMs}`);
  if (answerDelayMs > 0) labels.push(`slow=${answerDelayMs}`);
  if (terminal !== undefined) labels.push(describeFault(terminal));
  else if (recoverable) labels.push('recoverable-error');
  return {
    latencyMs,
    answerDelayMs,
    terminal,
    recoverable: recoverable && terminal === undefined,
    acknowledgeFaults:
      target === 'start'
        ? listed.filter((item) => item.target === 'acknowledge').map((item) => item.fault)
        : [],
    labels,
    randomKey,
  };
}

/** Thrown for a `[sandbox:…]` marker the sandbox does not know. */
export class UnknownMarkerError extends Error {
  override name = 'UnknownMarkerError';
}

function randomKeyOf(sources: FaultSources, body: Record<string, unknown>): string {
  if (sources.target === 'start') {
    const context = isRecord(body.request_context) ? body.request_context : {};
    const base = JSON.stringify([context.session_id, body.prompt]);
    return `${base}#${sources.nextAttempt(`start ${base}`)}`;
  }
  const base = sources.ad?.randomKey ?? JSON.stringify([body.ad_response_id]);
  return `${base}#${sources.nextAttempt(`acknowledge ${base}`)}`;
}
