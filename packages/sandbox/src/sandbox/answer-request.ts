import type { AdRecord } from './ad-ledger.js';
import type { RequestBasics } from './check-request.js';
import type { FaultTarget } from './fault.js';
import { faultReply } from './fault-reply.js';
import { handleAcknowledge } from './handle-acknowledge.js';
import type { SandboxState } from './handle-request.js';
import { handleStart } from './handle-start.js';
import type { FaultPlan } from './plan-faults.js';
import type { Reply } from './reply.js';

/** What a request brings to processing. */
export interface AnswerInput extends RequestBasics {
  target: FaultTarget;
  /** Acknowledge: the ad it acknowledges, when known. */
  ad: AdRecord | undefined;
  startedAt: number;
  /** The id of the request's `RecordedRequest`. */
  requestId: number;
}

/**
 * The answer of a request that reached processing: its terminal fault's (counted on the ad for
 * an acknowledge), or the endpoint's (`handleStart` / `handleAcknowledge`).
 */
export function answerRequest(
  state: Pick<SandboxState, 'ledger'>,
  plan: FaultPlan,
  input: AnswerInput,
): Reply {
  const { target, apiKeyHeader, body } = input;
  if (plan.terminal !== undefined) {
    if (input.ad !== undefined) input.ad.faultedAcknowledges++;
    return faultReply(plan.terminal, target);
  }
  if (target === 'start') {
    return handleStart({
      apiKeyHeader,
      body,
      ledger: state.ledger,
      startedAt: input.startedAt,
      acknowledgeFaults: plan.acknowledgeFaults,
      randomKey: plan.randomKey,
      requestId: input.requestId,
    });
  }
  return handleAcknowledge({
    apiKeyHeader,
    body,
    ledger: state.ledger,
    recoverable: plan.recoverable,
  });
}
