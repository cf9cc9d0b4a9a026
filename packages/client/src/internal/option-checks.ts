import { ValidationError } from '../errors/validation-error.js';

/** Checks one value; throws a `ValidationError` naming `field` and the rule. */
export type Check = (value: unknown, field: string) => void;

/** One check per key of `T`: adding an option without a rule does not compile. */
export type ChecksOf<T> = { readonly [Key in keyof Required<T>]: Check };

/** A range for {@link numberIn}: finite, whole when `integer`, `min` and `max` inclusive. */
export interface NumberRule {
  integer?: boolean;
  min: number;
  max?: number;
  /** Makes `min` exclusive (`> min`). */
  exclusiveMin?: boolean;
}

/** A rule for {@link textIn}. */
export interface TextRule {
  /** Longest accepted value, in UTF-16 code units (`string.length`). */
  maxLength: number;
  /** Default `true`: C0 controls, DEL and C1 controls (line breaks, NUL, …) are refused. */
  rejectControlCharacters?: boolean;
}

/** Longest delay timers accept: more than 2^31 − 1 ms fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;
/** Longest key quoted in a message, so a huge unknown key cannot flood logs. */
const MAX_QUOTED_KEY_LENGTH = 64;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/** The `ValidationError` for `field` breaking `rule`: the message is `${field} ${rule}`. */
export function invalid(field: string, rule: string): ValidationError {
  return new ValidationError({ message: `${field} ${rule}`, field });
}

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string that is not empty once trimmed. */
export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** A number within a range. The message reads e.g. `retries must be an integer ≥ 0 and ≤ 5`. */
export function numberIn(rule: NumberRule): Check {
  return (value, field) => {
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (rule.integer !== true || Number.isInteger(value)) &&
      (rule.exclusiveMin === true ? value > rule.min : value >= rule.min) &&
      (rule.max === undefined || value <= rule.max);
    if (!ok) {
      const kind = rule.integer === true ? 'an integer' : 'a finite number';
      const minimum = `${rule.exclusiveMin === true ? '>' : '≥'} ${rule.min}`;
      throw invalid(
        field,
        `must be ${kind} ${minimum}${rule.max === undefined ? '' : ` and ≤ ${rule.max}`}`,
      );
    }
  };
}

/** Checks an optional number against a rule: `undefined` passes through, anything else must fit. */
export function validateNumber(
  value: unknown,
  field: string,
  rule: NumberRule,
): number | undefined {
  if (value === undefined) return undefined;
  numberIn(rule)(value, field);
  return value as number;
}

/** A value of one `typeof`; the message reads `${field} must be ${description}`. */
export function ofType(type: 'string' | 'boolean' | 'function', description: string): Check {
  return (value, field) => {
    if (typeof value !== type) throw invalid(field, `must be ${description}`);
  };
}

/**
 * The first control character of `text`, as `U+000A`, or undefined. Control characters have no
 * business in identifiers and header values: a CR or LF is how header injection starts.
 */
export function firstControlCharacter(text: string): string | undefined {
  const found = CONTROL_CHARACTER.exec(text)?.[0];
  return found === undefined ? undefined : codePointName(found);
}

/** `U+000A`: how messages name a character without quoting the text around it. */
export function codePointName(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A non-empty string of at most `maxLength` UTF-16 code units, without control characters unless
 * allowed. Messages give the rule and the length found, never the value.
 */
export function textIn(rule: TextRule): Check {
  return (value, field) => {
    if (!isNonEmptyString(value)) throw invalid(field, 'must be a non-empty string');
    checkLength(value, field, rule.maxLength);
    if (rule.rejectControlCharacters !== false) {
      const control = firstControlCharacter(value);
      if (control !== undefined) {
        throw invalid(field, `must not contain control characters (found ${control})`);
      }
    }
  };
}

/** Throws when `value` is longer than `maxLength` UTF-16 code units, saying how long it is. */
export function checkLength(value: string, field: string, maxLength: number): void {
  if (value.length > maxLength) {
    throw invalid(
      field,
      `must be at most ${maxLength} characters (UTF-16 code units); it has ${value.length}`,
    );
  }
}

function quoteKey(key: string): string {
  return JSON.stringify(
    key.length > MAX_QUOTED_KEY_LENGTH ? `${key.slice(0, MAX_QUOTED_KEY_LENGTH)}…` : key,
  );
}

/**
 * An object whose own keys are all known (typo protection: `coolDownMS` is an error, not a
 * silently ignored setting), each checked when it is not `undefined`. With `field` `''` the
 * object is the options themselves: messages then say `options` and name keys without a prefix.
 */
export function objectOf(checks: Readonly<Record<string, Check>>): Check {
  return (value, field) => {
    const prefix = field === '' ? '' : `${field}.`;
    if (!isRecord(value)) throw invalid(field === '' ? 'options' : field, 'must be an object');
    const known = Object.keys(checks);
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(checks, key)) {
        throw new ValidationError({
          message: `${prefix}${quoteKey(key)} is not a known option (expected ${known.join(', ')})`,
          field: `${prefix}${key}`,
        });
      }
    }
    for (const key of known) {
      const option = value[key];
      if (option !== undefined) checks[key]?.(option, `${prefix}${key}`);
    }
  };
}
