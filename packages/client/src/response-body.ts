import { UnexpectedResponseError } from './errors/unexpected-response-error.js';
import type { RawResponse } from './transport.js';

/** An answer as the status interpreters see it: the raw answer and a copy safe to quote in errors. */
export interface ScreenedResponse extends RawResponse {
  /**
   * The body with the API key and the end user's IP replaced by `[redacted]`: the only body text
   * an error may carry (as `responseBody`, or quoted by a JSON `SyntaxError` in its `cause`).
   */
  safeText: string;
}

/** Parses an answer's JSON body, or throws `UnexpectedResponseError` for invalid JSON. */
export function parseJsonBody(response: ScreenedResponse, endpoint: string): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    throw new UnexpectedResponseError({
      message: `Adstract ${endpoint} answered ${response.status} with invalid JSON`,
      statusCode: response.status,
      responseBody: response.safeText,
      cause: syntaxErrorOf(response.safeText),
    });
  }
}

/**
 * The `SyntaxError` of parsing the redacted copy: a `SyntaxError` quotes the text it failed on,
 * so the one from the raw body could carry the key or the IP.
 */
function syntaxErrorOf(safeText: string): unknown {
  try {
    JSON.parse(safeText);
    return undefined;
  } catch (error) {
    return error;
  }
}

/** The `UnexpectedResponseError` for a body that does not have the documented shape, naming the problem. */
export function wrongShape(
  response: ScreenedResponse,
  endpoint: string,
  problem: string,
): UnexpectedResponseError {
  return new UnexpectedResponseError({
    message: `Adstract ${endpoint} answered ${response.status} with an unexpected body: ${problem}`,
    statusCode: response.status,
    responseBody: response.safeText,
  });
}

/** A plain object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
