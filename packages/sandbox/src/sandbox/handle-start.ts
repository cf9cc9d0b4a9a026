import { randomUUID } from 'node:crypto';
import { buildEnhancedPrompt } from '../ad-instruction.js';
import type { AdLedger, AdRecord } from './ad-ledger.js';
import { checkRequest, type RequestBasics } from './check-request.js';
import { chooseOutcome } from './choose-outcome.js';
import type { SandboxFault } from './fault.js';
import { readPromptMarkers, stripPromptMarkers } from './prompt-markers.js';
import { errorReply, type Reply } from './reply.js';
import { validateStartBody } from './validate-start-body.js';

/** What start needs to answer one request. */
export interface StartInput extends RequestBasics {
  ledger: AdLedger;
  startedAt: number;
  /** Faults to apply to this ad's acknowledge (from `ack=…` markers and headers). */
  acknowledgeFaults: SandboxFault[];
  randomKey: string;
  /** The id of the start's `RecordedRequest`. */
  requestId: number;
}

const HTTP_BY_STATUS = { ok: 200, rejected: 201, no_fill: 202 } as const;

/**
 * Answers `POST /api/ad-injection/start/` by the contract: auth (400/401/403), body validation
 * (400), duplicate message (409), then 200 ok / 201 rejected / 202 no fill.
 */
export function handleStart(input: StartInput): Reply {
  const checked = checkRequest(input, validateStartBody);
  if (!checked.ok) return checked.reply;
  const { prompt, sessionId, wrappingType } = checked.body;
  const messageKey = JSON.stringify([checked.key, sessionId, prompt]);
  if (input.ledger.hasMessage(messageKey)) {
    return errorReply(
      409,
      'duplicate_ad_request',
      'This message already has an ad request.',
      'duplicate',
    );
  }
  input.ledger.addMessage(messageKey);

  // The markers are instructions to the sandbox, not part of the user's question.
  const userPrompt = stripPromptMarkers(prompt);
  const outcome = chooseOutcome(userPrompt, readPromptMarkers(prompt).outcome);
  const product = outcome.status === 'ok' ? outcome.product : undefined;
  const httpStatus = HTTP_BY_STATUS[outcome.status];
  const adResponseId = randomUUID();
  const record: AdRecord = {
    adResponseId,
    apiKey: checked.key,
    httpStatus,
    productName: product?.name,
    acknowledgeFaults: input.acknowledgeFaults,
    randomKey: input.randomKey,
    requestId: input.requestId,
    delivery: 'pending',
    acknowledgements: 0,
    faultedAcknowledges: 0,
  };
  input.ledger.add(record);
  return {
    kind: 'json',
    status: httpStatus,
    ad: record,
    body: {
      ad_request_id: randomUUID(),
      ad_response_id: adResponseId,
      status: outcome.status,
      success: outcome.status === 'ok',
      execution_time_ms: Math.round(performance.now() - input.startedAt),
      enhanced_prompt:
        product === undefined
          ? null
          : buildEnhancedPrompt(userPrompt, {
              productName: product.name,
              pitch: product.pitch,
              wrappingType,
            }),
      product_name: product?.name ?? null,
    },
    outcome: product === undefined ? outcome.status : `ok "${product.name}"`,
  };
}
