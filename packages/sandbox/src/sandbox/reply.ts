import type { AdRecord } from './ad-ledger.js';

/** What the sandbox answers one request with, before it is written to the socket. */
export type Reply =
  | {
      kind: 'json';
      status: number;
      body: unknown;
      headers?: Record<string, string>;
      /** A short word or two for the log and the recorded request. */
      outcome: string;
      /** Start: the ad response this answer issues, to record whether the client got it. */
      ad?: AdRecord;
    }
  | { kind: 'text'; status: number; text: string; outcome: string }
  /** Never answers: the connection stays open. */
  | { kind: 'hang'; outcome: string }
  /** Resets the TCP connection (RST) without answering. */
  | { kind: 'reset'; outcome: string };

/**
 * The body of every sandbox error answer. The public contract does not document Adstract's error
 * bodies, so this shape is the sandbox's own: a message, a stable code, and field-level errors
 * for invalid request bodies.
 */
export interface SandboxErrorBody {
  detail: string;
  code: string;
  /** Invalid request body: field path (such as `request_context.user_ip`) → problems. */
  errors?: Record<string, string[]>;
}

/** An error answer with the sandbox's error body. */
export function errorReply(
  status: number,
  code: string,
  detail: string,
  outcome: string,
  errors?: Record<string, string[]>,
): Reply {
  const body: SandboxErrorBody = errors === undefined ? { detail, code } : { detail, code, errors };
  return { kind: 'json', status, body, outcome };
}
