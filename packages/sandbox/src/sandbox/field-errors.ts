/** Field path → problems, as sent in the `errors` of a 400 answer. */
export type FieldErrors = Record<string, string[]>;

/** A plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Adds an error when `value` is missing, not a string, or blank. */
export function nonEmptyString(
  value: unknown,
  field: string,
  add: (field: string, problem: string) => void,
): void {
  if (value === undefined || value === null) add(field, 'This field is required.');
  else if (typeof value !== 'string') add(field, 'Must be a string.');
  else if (value.trim() === '') add(field, 'May not be blank.');
}

/** Adds an error for every key of `record` that is not in `known`. */
export function unknownFields(
  record: Record<string, unknown>,
  known: readonly string[],
  prefix: string,
  add: (field: string, problem: string) => void,
): void {
  for (const key of Object.keys(record)) {
    if (!known.includes(key)) add(`${prefix}${key}`, 'Unknown field.');
  }
}
