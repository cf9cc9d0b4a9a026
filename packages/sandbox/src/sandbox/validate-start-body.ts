import { WRAPPING_TYPES, type WrappingType } from '../wrapping-type.js';
import { type FieldErrors, isRecord, nonEmptyString, unknownFields } from './field-errors.js';

/** The parts of a valid start body the sandbox uses. */
export interface StartBody {
  prompt: string;
  sessionId: string;
  wrappingType: WrappingType;
}

const TOP_LEVEL = [
  'prompt',
  'request_context',
  'request_configuration',
  'optional_context',
  'diagnostics',
];
const REQUEST_CONTEXT = ['session_id', 'user_agent', 'user_ip'];
const OPTIONAL_CONTEXT = ['country', 'region', 'city', 'asn', 'age', 'gender'];
const GENDERS = ['male', 'female', 'other'];

/**
 * Validates a start body against the contract: `prompt` and `request_context.session_id`,
 * `.user_agent`, `.user_ip` are non-empty strings; `wrapping_type` is xml/plain/markdown;
 * `optional_context` follows its documented rules; unknown fields are refused. `null` counts as
 * absent for optional objects and fields.
 */
export function validateStartBody(
  body: unknown,
): { ok: true; value: StartBody } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const add = (field: string, problem: string) => {
    errors[field] = [...(errors[field] ?? []), problem];
  };
  if (!isRecord(body)) return { ok: false, errors: { body: ['Must be a JSON object.'] } };
  unknownFields(body, TOP_LEVEL, '', add);
  nonEmptyString(body.prompt, 'prompt', add);

  const context = body.request_context;
  if (context === undefined || context === null) {
    add('request_context', 'This field is required.');
  } else if (!isRecord(context)) {
    add('request_context', 'Must be an object.');
  } else {
    unknownFields(context, REQUEST_CONTEXT, 'request_context.', add);
    for (const key of REQUEST_CONTEXT) nonEmptyString(context[key], `request_context.${key}`, add);
  }

  let wrappingType: WrappingType = 'xml';
  const configuration = body.request_configuration;
  if (configuration !== undefined && configuration !== null) {
    if (!isRecord(configuration)) {
      add('request_configuration', 'Must be an object.');
    } else {
      unknownFields(configuration, ['wrapping_type'], 'request_configuration.', add);
      const value = configuration.wrapping_type;
      if (value !== undefined && value !== null) {
        if (WRAPPING_TYPES.includes(value as WrappingType)) wrappingType = value as WrappingType;
        else
          add(
            'request_configuration.wrapping_type',
            `Must be one of ${WRAPPING_TYPES.join(', ')}.`,
          );
      }
    }
  }

  const optional = body.optional_context;
  if (optional !== undefined && optional !== null) {
    if (!isRecord(optional)) add('optional_context', 'Must be an object.');
    else validateOptionalContext(optional, add);
  }

  const diagnostics = body.diagnostics;
  if (diagnostics !== undefined && diagnostics !== null && !isRecord(diagnostics)) {
    add('diagnostics', 'Must be an object.');
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const valid = body as { prompt: string; request_context: { session_id: string } };
  return {
    ok: true,
    value: { prompt: valid.prompt, sessionId: valid.request_context.session_id, wrappingType },
  };
}

function validateOptionalContext(
  optional: Record<string, unknown>,
  add: (field: string, problem: string) => void,
): void {
  unknownFields(optional, OPTIONAL_CONTEXT, 'optional_context.', add);
  const present = (key: string) => optional[key] !== undefined && optional[key] !== null;
  const { country, asn, age, gender } = optional;
  if (present('country') && !(typeof country === 'string' && /^[A-Z]{2}$/.test(country))) {
    add(
      'optional_context.country',
      'Must be an ISO 3166-1 alpha-2 code: exactly 2 uppercase letters.',
    );
  }
  for (const key of ['region', 'city']) {
    if (present(key)) nonEmptyString(optional[key], `optional_context.${key}`, add);
  }
  if (present('asn') && !(typeof asn === 'number' && Number.isSafeInteger(asn) && asn >= 0)) {
    add('optional_context.asn', 'Must be a non-negative integer.');
  }
  if (
    present('age') &&
    !(typeof age === 'number' && Number.isInteger(age) && age >= 0 && age <= 120)
  ) {
    add('optional_context.age', 'Must be an integer from 0 to 120.');
  }
  if (present('gender') && !GENDERS.includes(gender as string)) {
    add('optional_context.gender', `Must be one of ${GENDERS.join(', ')}.`);
  }
}
