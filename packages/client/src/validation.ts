import { MissingParameterError } from './errors/missing-parameter-error.js';
import { ValidationError } from './errors/validation-error.js';
import type { Gender, OptionalContext, RequestContext, WrappingType } from './types.js';
import { WRAPPING_TYPES } from './types.js';

const GENDERS: readonly Gender[] = ['male', 'female', 'other'];
const OPTIONAL_KEYS = ['country', 'region', 'city', 'asn', 'age', 'gender'] as const;
const REQUIRED_KEYS = ['sessionId', 'userAgent', 'userIp'] as const;

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const invalid = (field: string, rule: string) =>
  new ValidationError({ message: `${field} ${rule}`, field });

/** A string that is not empty once trimmed. */
export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * Checks the required request context: `sessionId`, `userAgent` and `userIp` must be non-empty
 * strings (`MissingParameterError` otherwise, naming the field; values are never echoed).
 */
export function validateRequestContext(value: unknown, path = 'context'): RequestContext {
  if (!isRecord(value)) {
    throw new MissingParameterError({
      message: `${path} is required (sessionId, userAgent, userIp)`,
      field: path,
    });
  }
  for (const key of Object.keys(value)) {
    if (!(REQUIRED_KEYS as readonly string[]).includes(key)) {
      throw invalid(
        `${path}.${key}`,
        'is not a known field (expected sessionId, userAgent, userIp)',
      );
    }
  }
  for (const key of REQUIRED_KEYS) {
    if (!isNonEmptyString(value[key])) {
      throw new MissingParameterError({
        message: `${path}.${key} is required and must be a non-empty string`,
        field: `${path}.${key}`,
      });
    }
  }
  return {
    sessionId: value.sessionId as string,
    userAgent: value.userAgent as string,
    userIp: value.userIp as string,
  };
}

/**
 * Checks optional targeting context as Adstract documents it: `country` two uppercase letters,
 * `region`/`city` non-empty strings, `asn` a non-negative integer, `age` an integer 0..120,
 * `gender` male/female/other; unknown keys are rejected. Undefined values are dropped.
 */
export function validateOptionalContext(
  value: unknown,
  path = 'optionalContext',
): OptionalContext | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) throw invalid(path, 'must be an object');
  const result: OptionalContext = {};
  for (const key of Object.keys(value)) {
    if (!(OPTIONAL_KEYS as readonly string[]).includes(key)) {
      throw invalid(
        `${path}.${key}`,
        `is not a known field (expected ${OPTIONAL_KEYS.join(', ')})`,
      );
    }
  }
  const { country, region, city, asn, age, gender } = value;
  if (country !== undefined) {
    if (typeof country !== 'string' || !/^[A-Z]{2}$/.test(country)) {
      throw invalid(
        `${path}.country`,
        'must be an ISO 3166-1 alpha-2 code: exactly 2 uppercase letters',
      );
    }
    result.country = country;
  }
  for (const [key, field] of [
    ['region', region],
    ['city', city],
  ] as const) {
    if (field === undefined) continue;
    if (!isNonEmptyString(field)) throw invalid(`${path}.${key}`, 'must be a non-empty string');
    result[key] = field;
  }
  if (asn !== undefined) {
    if (typeof asn !== 'number' || !Number.isSafeInteger(asn) || asn < 0) {
      throw invalid(`${path}.asn`, 'must be a non-negative integer');
    }
    result.asn = asn;
  }
  if (age !== undefined) {
    if (typeof age !== 'number' || !Number.isInteger(age) || age < 0 || age > 120) {
      throw invalid(`${path}.age`, 'must be an integer from 0 to 120');
    }
    result.age = age;
  }
  if (gender !== undefined) {
    if (!GENDERS.includes(gender as Gender))
      throw invalid(`${path}.gender`, 'must be one of male, female, other');
    result.gender = gender as Gender;
  }
  return result;
}

/** Checks a wrapping type. */
export function validateWrappingType(value: unknown, field = 'wrappingType'): WrappingType {
  if (!WRAPPING_TYPES.includes(value as WrappingType)) {
    throw invalid(field, `must be one of ${WRAPPING_TYPES.join(', ')}`);
  }
  return value as WrappingType;
}

/** Checks an optional number option against a rule. */
export function validateNumber(
  value: unknown,
  field: string,
  rule: { integer?: boolean; min: number; max?: number; exclusiveMin?: boolean },
): number | undefined {
  if (value === undefined) return undefined;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (rule.integer !== true || Number.isInteger(value)) &&
    (rule.exclusiveMin === true ? value > rule.min : value >= rule.min) &&
    (rule.max === undefined || value <= rule.max);
  if (!ok) {
    const kind = rule.integer === true ? 'an integer' : 'a finite number';
    const range = `${rule.exclusiveMin === true ? '>' : '≥'} ${rule.min}${rule.max === undefined ? '' : ` and ≤ ${rule.max}`}`;
    throw invalid(field, `must be ${kind} ${range}`);
  }
  return value as number;
}
