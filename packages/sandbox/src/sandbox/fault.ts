/** One fault the sandbox can inject into an answer. */
export type SandboxFault =
  /** Waits this long before answering (adds up with other latency faults). */
  | { type: 'latency'; ms: number }
  /** Answers this 4xx/5xx status with an error body (`server-error` is 500). */
  | { type: 'status'; status: number }
  /** Answers 429 with `Retry-After: retryAfterSeconds`. */
  | { type: 'rate-limit'; retryAfterSeconds: number }
  /** Answers 200 with a body that is not valid JSON (cut off mid-object). */
  | { type: 'malformed' }
  /** Answers 200 with valid JSON of the wrong shape. */
  | { type: 'shape' }
  /** Never answers; the connection stays open until the client gives up or the sandbox closes. */
  | { type: 'hang' }
  /** Resets the TCP connection (RST) instead of answering. */
  | { type: 'reset' }
  /**
   * Processes the request at once, then waits this long before answering: a start's 200 is issued
   * (and must be acknowledged) even when the client gives up before the answer arrives.
   */
  | { type: 'slow'; ms: number }
  /** Acknowledge only: processes the acknowledge, then answers 201 `recoverable_error`. */
  | { type: 'recoverable-error' };

/** The fault names of the grammar. */
export type SandboxFaultName = SandboxFault['type'] | 'server-error';

/** Which call a fault list is attached to. */
export type FaultTarget = 'start' | 'acknowledge';

/** A parsed fault and the call it applies to. */
export interface TargetedFault {
  target: FaultTarget;
  fault: SandboxFault;
}

/** Server-wide faults: one fault list (`'latency=200, ack=500'`) or several. */
export type SandboxFaultSpec = string | readonly string[];

/** Thrown for a fault list that does not follow the grammar; the message says what is wrong. */
export class FaultSyntaxError extends Error {
  override name = 'FaultSyntaxError';
}

const MAX_LATENCY_MS = 600_000;

/**
 * Parses a fault list such as `latency=200, server-error` or `ack=500`. Items are separated by
 * commas or spaces. Plain items target `target` (the call the list came with); `ack=ITEM` targets
 * the acknowledge. Throws `FaultSyntaxError` for anything it does not know.
 */
export function parseFaults(text: string, target: FaultTarget): TargetedFault[] {
  const items = text.split(/[\s,]+/).filter((item) => item !== '');
  return items.map((item) => {
    const scoped = /^ack=(.+)$/i.exec(item);
    const itemTarget: FaultTarget = scoped ? 'acknowledge' : target;
    const fault = parseItem(scoped?.[1] ?? item, itemTarget, item);
    return { target: itemTarget, fault };
  });
}

/** Parses server-wide faults (start by default, `ack=` for acknowledge). */
export function parseFaultSpec(spec: SandboxFaultSpec | undefined): TargetedFault[] {
  if (spec === undefined) return [];
  const lists = typeof spec === 'string' ? [spec] : spec;
  return lists.flatMap((list) => parseFaults(list, 'start'));
}

function parseItem(item: string, target: FaultTarget, original: string): SandboxFault {
  const [rawName = '', value, ...rest] = item.split('=');
  const name = rawName.toLowerCase();
  const fail = (problem: string) => new FaultSyntaxError(`sandbox fault "${original}": ${problem}`);
  if (rest.length > 0) throw fail('too many "=" signs');
  const integer = (min: number, max: number, what: string): number => {
    const number = value !== undefined && /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(number >= min && number <= max))
      throw fail(`${what} must be an integer from ${min} to ${max}`);
    return number;
  };
  const noValue = () => {
    if (value !== undefined) throw fail('takes no value');
  };

  if (/^\d+$/.test(name) && value === undefined) return statusFault(Number(name), target, fail);
  switch (name) {
    case 'latency':
      return { type: 'latency', ms: integer(0, MAX_LATENCY_MS, 'the latency in ms') };
    case 'slow':
      return { type: 'slow', ms: integer(0, MAX_LATENCY_MS, 'the delay in ms') };
    case 'server-error':
      return {
        type: 'status',
        status: value === undefined ? 500 : integer(500, 599, 'the status'),
      };
    case 'status':
      return statusFault(integer(200, 599, 'the status'), target, fail);
    case 'rate-limit':
      return {
        type: 'rate-limit',
        retryAfterSeconds: value === undefined ? 1 : integer(0, 3_600, 'Retry-After (seconds)'),
      };
    case 'malformed':
    case 'shape':
    case 'hang':
    case 'reset':
      noValue();
      return { type: name };
    case 'recoverable-error':
      noValue();
      if (target !== 'acknowledge')
        throw fail('only applies to acknowledge: use ack=recoverable-error');
      return { type: 'recoverable-error' };
    case 'ack':
      throw fail('ack= cannot be nested');
    default:
      throw fail(
        'unknown fault (known: latency=MS, slow=MS, server-error[=5xx], STATUS, rate-limit[=SECONDS], malformed, shape, hang, reset, ack=FAULT, ack=recoverable-error)',
      );
  }
}

function statusFault(
  status: number,
  target: FaultTarget,
  fail: (problem: string) => FaultSyntaxError,
): SandboxFault {
  if (status === 429) return { type: 'rate-limit', retryAfterSeconds: 1 };
  if (status === 201 && target === 'acknowledge') return { type: 'recoverable-error' };
  if (status < 400 || status > 599) {
    throw fail(
      target === 'acknowledge'
        ? 'the status must be 201 (recoverable error) or 400 to 599'
        : 'the status must be from 400 to 599',
    );
  }
  return { type: 'status', status };
}

/** Writes a fault back in the grammar (for logs and recorded requests). */
export function describeFault(fault: SandboxFault): string {
  switch (fault.type) {
    case 'latency':
      return `latency=${fault.ms}`;
    case 'slow':
      return `slow=${fault.ms}`;
    case 'status':
      return fault.status >= 500 ? `server-error=${fault.status}` : `status=${fault.status}`;
    case 'rate-limit':
      return `rate-limit=${fault.retryAfterSeconds}`;
    default:
      return fault.type;
  }
}
