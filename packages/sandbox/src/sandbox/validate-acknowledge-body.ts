import { type FieldErrors, isRecord, nonEmptyString, unknownFields } from './field-errors.js';

/** A valid acknowledge body. */
export interface AcknowledgeBody {
  adResponseId: string;
  llmResponse: string;
}

/**
 * Validates an acknowledge body: `ad_response_id` a non-empty string, `llm_response` a string
 * (it may be empty: an answer can end before any text), plus the optional `diagnostics` object.
 */
export function validateAcknowledgeBody(
  body: unknown,
): { ok: true; value: AcknowledgeBody } | { ok: false; errors: FieldErrors } {
  if (!isRecord(body)) return { ok: false, errors: { body: ['Must be a JSON object.'] } };
  const errors: FieldErrors = {};
  const add = (field: string, problem: string) => {
    errors[field] = [...(errors[field] ?? []), problem];
  };
  unknownFields(body, ['ad_response_id', 'llm_response', 'diagnostics'], '', add);
  nonEmptyString(body.ad_response_id, 'ad_response_id', add);
  const { llm_response: llmResponse, diagnostics } = body;
  if (llmResponse === undefined || llmResponse === null)
    add('llm_response', 'This field is required.');
  else if (typeof llmResponse !== 'string') add('llm_response', 'Must be a string.');
  if (diagnostics !== undefined && diagnostics !== null && !isRecord(diagnostics)) {
    add('diagnostics', 'Must be an object.');
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { adResponseId: body.ad_response_id as string, llmResponse: llmResponse as string },
  };
}
