import { checkApiKey } from './api-key.js';
import type { FieldErrors } from './field-errors.js';
import { errorReply, type Reply } from './reply.js';

/** What both endpoints check first: the key header and the parsed JSON body. */
export interface RequestBasics {
  apiKeyHeader: string | string[] | undefined;
  /** The parsed JSON body, or undefined when the body was not JSON. */
  body: { value: unknown } | undefined;
}

/**
 * The checks both endpoints run first, in the contract's order: the API key (400 / 401 / 403),
 * a JSON body (400 `parse_error`), then the endpoint's own body validation (400
 * `invalid_request` with the field errors). Returns the caller's key and the validated body, or
 * the reply to send.
 */
export function checkRequest<Body>(
  input: RequestBasics,
  validate: (body: unknown) => { ok: true; value: Body } | { ok: false; errors: FieldErrors },
): { ok: true; key: string; body: Body } | { ok: false; reply: Reply } {
  const auth = checkApiKey(input.apiKeyHeader);
  if (!auth.ok) {
    return { ok: false, reply: errorReply(auth.status, auth.code, auth.detail, auth.outcome) };
  }
  if (input.body === undefined) {
    return {
      ok: false,
      reply: errorReply(
        400,
        'parse_error',
        'JSON parse error: the body is not valid JSON.',
        'invalid-json',
      ),
    };
  }
  const validation = validate(input.body.value);
  if (!validation.ok) {
    return {
      ok: false,
      reply: errorReply(
        400,
        'invalid_request',
        'Invalid request body.',
        `invalid-body (${Object.keys(validation.errors).join(', ')})`,
        validation.errors,
      ),
    };
  }
  return { ok: true, key: auth.key, body: validation.value };
}
