import { AdResponseNotFoundError } from './errors/ad-response-not-found-error.js';
import type { AdSDKError } from './errors/ad-sdk-error.js';
import { AuthenticationError } from './errors/authentication-error.js';
import { DuplicateAcknowledgmentError } from './errors/duplicate-acknowledgment-error.js';
import { RateLimitError } from './errors/rate-limit-error.js';
import { ServerError } from './errors/server-error.js';
import { UnexpectedResponseError } from './errors/unexpected-response-error.js';
import { UnsuccessfulAdResponseError } from './errors/unsuccessful-ad-response-error.js';
import { asRecord, parseJsonBody, type ScreenedResponse, wrongShape } from './response-body.js';
import type { AcknowledgmentResult, AcknowledgmentStatus } from './types.js';

const ENDPOINT = 'acknowledge';
const SUCCESS_BY_STATUS: Record<AcknowledgmentStatus, boolean> = {
  ok: true,
  no_ad_used: true,
  recoverable_error: false,
};
/** The body statuses each success status may carry: 200 processed, 201 logged and recovered. */
const STATUSES_BY_HTTP: Record<200 | 201, readonly AcknowledgmentStatus[]> = {
  200: ['ok', 'no_ad_used'],
  201: ['recoverable_error'],
};

/**
 * The one place where acknowledge's HTTP statuses become results and errors: 200 (`ok` or
 * `no_ad_used`) and 201 (`recoverable_error`) are successes, any other pairing a wrong shape;
 * 400/401/403 auth, 404 unknown id, 406 not a successful enhancement, 409 already acknowledged,
 * 429 rate limit, 5xx server (outcome unknown), anything else unexpected.
 */
export function interpretAcknowledgeResponse(
  response: ScreenedResponse,
): AcknowledgmentResult | AdSDKError {
  const { status } = response;
  const details = { statusCode: status, responseBody: response.safeText };
  const fail = (message: string) => `Adstract acknowledge answered ${status}: ${message}`;
  switch (status) {
    case 200:
    case 201:
      return parseAcknowledgment(response, status);
    case 400:
      return new AuthenticationError({ message: fail('API key format is invalid'), ...details });
    case 401:
      return new AuthenticationError({
        message: fail('API key is missing or invalid'),
        ...details,
      });
    case 403:
      return new AuthenticationError({
        message: fail(
          'API key is revoked or inactive, or the ad response belongs to another platform',
        ),
        ...details,
      });
    case 404:
      return new AdResponseNotFoundError({
        message: fail('the ad response id is unknown'),
        ...details,
      });
    case 406:
      return new UnsuccessfulAdResponseError({
        message: fail('the ad response was not a successful enhancement'),
        ...details,
      });
    case 409:
      return new DuplicateAcknowledgmentError({
        message: fail('this ad response was already acknowledged'),
        ...details,
      });
    case 429:
      return new RateLimitError({ message: fail('rate limited'), ...details });
    default:
      if (status >= 500 && status <= 599) {
        return new ServerError({
          message: fail('server error; the outcome is unknown, so it is not retried'),
          ...details,
        });
      }
      return new UnexpectedResponseError({
        message: fail('a status the API does not document'),
        ...details,
      });
  }
}

function parseAcknowledgment(response: ScreenedResponse, status: 200 | 201): AcknowledgmentResult {
  const body = asRecord(parseJsonBody(response, ENDPOINT));
  if (body === undefined) throw wrongShape(response, ENDPOINT, 'not a JSON object');
  if (typeof body.ad_ack_id !== 'string' || body.ad_ack_id === '') {
    throw wrongShape(response, ENDPOINT, 'ad_ack_id must be a non-empty string');
  }
  const ackStatus = body.status;
  if (typeof ackStatus !== 'string' || !isAcknowledgmentStatus(ackStatus)) {
    throw wrongShape(response, ENDPOINT, 'status must be ok, no_ad_used or recoverable_error');
  }
  const allowed = STATUSES_BY_HTTP[status];
  if (!allowed.includes(ackStatus)) {
    throw wrongShape(
      response,
      ENDPOINT,
      `status must be ${allowed.join(' or ')} with HTTP ${status}`,
    );
  }
  if (body.success !== SUCCESS_BY_STATUS[ackStatus]) {
    throw wrongShape(
      response,
      ENDPOINT,
      `success must be ${SUCCESS_BY_STATUS[ackStatus]} when status is ${ackStatus}`,
    );
  }
  return { adAckId: body.ad_ack_id, status: ackStatus, success: body.success, httpStatus: status };
}

function isAcknowledgmentStatus(value: string): value is AcknowledgmentStatus {
  return Object.hasOwn(SUCCESS_BY_STATUS, value);
}
