import { randomUUID } from 'node:crypto';
import type { FaultTarget, SandboxFault } from './fault.js';
import { errorReply, type Reply } from './reply.js';

/** A fault that replaces the normal answer. */
export type TerminalFault = Exclude<
  SandboxFault,
  { type: 'latency' } | { type: 'slow' } | { type: 'recoverable-error' }
>;

/** The answer a terminal fault gives instead of processing the request. */
export function faultReply(fault: TerminalFault, target: FaultTarget): Reply {
  const outcome = 'fault';
  switch (fault.type) {
    case 'status':
      return errorReply(
        fault.status,
        fault.status >= 500 ? 'sandbox_server_error' : 'sandbox_fault',
        `Simulated ${fault.status} answer (sandbox fault).`,
        outcome,
      );
    case 'rate-limit':
      return {
        kind: 'json',
        status: 429,
        headers: { 'Retry-After': String(fault.retryAfterSeconds) },
        body: {
          detail: `Request was throttled. Expected available in ${fault.retryAfterSeconds} seconds.`,
          code: 'throttled',
        },
        outcome,
      };
    case 'malformed': {
      const whole =
        target === 'start'
          ? JSON.stringify({
              ad_request_id: randomUUID(),
              ad_response_id: randomUUID(),
              status: 'ok',
            })
          : JSON.stringify({ ad_ack_id: randomUUID(), status: 'ok', success: true });
      return {
        kind: 'text',
        status: 200,
        text: whole.slice(0, Math.floor(whole.length / 2)),
        outcome,
      };
    }
    case 'shape':
      return {
        kind: 'json',
        status: 200,
        body:
          target === 'start'
            ? { result: { id: randomUUID(), prompt: null }, ok: true }
            : { acknowledged: true },
        outcome,
      };
    case 'hang':
      return { kind: 'hang', outcome };
    case 'reset':
      return { kind: 'reset', outcome };
  }
}
