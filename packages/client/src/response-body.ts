import { UnexpectedResponseError } from './errors/unexpected-response-error.js';
import type { RawResponse } from './transport.js';

/** Parses an answer's JSON body, or throws `UnexpectedResponseError` for invalid JSON. */
export function parseJsonBody(response: RawResponse, endpoint: string): unknown {
  try {
    return JSON.parse(response.text);
  } catch (error) {
    throw new UnexpectedResponseError({
      message: `Adstract ${endpoint} answered ${response.status} with invalid JSON`,
      statusCode: response.status,
      responseBody: response.text,
      cause: error,
    });
  }
}

/** Throws `UnexpectedResponseError` naming the field when a body does not have the documented shape. */
export function wrongShape(
  response: RawResponse,
  endpoint: string,
  problem: string,
): UnexpectedResponseError {
  return new UnexpectedResponseError({
    message: `Adstract ${endpoint} answered ${response.status} with an unexpected body: ${problem}`,
    statusCode: response.status,
    responseBody: response.text,
  });
}

/** A plain object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
