import { randomUUID } from 'node:crypto';
import type { AdLedger } from './ad-ledger.js';
import { checkRequest, type RequestBasics } from './check-request.js';
import { errorReply, type Reply } from './reply.js';
import { validateAcknowledgeBody } from './validate-acknowledge-body.js';

/** What acknowledge needs to answer one request. */
export interface AcknowledgeInput extends RequestBasics {
  ledger: AdLedger;
  /** The `recoverable-error` fault: process, then answer 201 `recoverable_error`. */
  recoverable: boolean;
}

/**
 * Answers `POST /api/ad-injection/acknowledge/` by the contract: auth (400/401/403), body
 * validation (400), unknown id (404), another key's ad (403), not a 200 enhancement (406),
 * already acknowledged (409), then 200 `ok` when the text names the product, else `no_ad_used`.
 */
export function handleAcknowledge(input: AcknowledgeInput): Reply {
  const checked = checkRequest(input, validateAcknowledgeBody);
  if (!checked.ok) return checked.reply;
  const { adResponseId, llmResponse } = checked.body;
  const record = input.ledger.get(adResponseId);
  if (record === undefined) {
    return errorReply(
      404,
      'ad_response_not_found',
      'No ad response has this ad_response_id.',
      'not-found',
    );
  }
  if (record.apiKey !== checked.key) {
    return errorReply(
      403,
      'ad_response_forbidden',
      'This ad response belongs to another platform.',
      'other-key',
    );
  }
  if (record.httpStatus !== 200) {
    return errorReply(
      406,
      'ad_response_not_successful',
      `This ad response was not a successful enhancement (start answered ${record.httpStatus}).`,
      'not-acknowledgeable',
    );
  }
  record.acknowledgements++;
  if (record.acknowledgements > 1) {
    return errorReply(
      409,
      'already_acknowledged',
      'This ad response was already acknowledged.',
      'duplicate',
    );
  }
  if (input.recoverable) {
    return {
      kind: 'json',
      status: 201,
      body: { ad_ack_id: randomUUID(), status: 'recoverable_error', success: false },
      outcome: 'recoverable_error',
    };
  }
  const used = llmResponse.toLowerCase().includes((record.productName ?? '').toLowerCase());
  const status = used ? 'ok' : 'no_ad_used';
  return {
    kind: 'json',
    status: 200,
    body: { ad_ack_id: randomUUID(), status, success: true },
    outcome: status,
  };
}
