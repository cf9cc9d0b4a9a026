import { MissingParameterError } from './errors/missing-parameter-error.js';
import { validateEndUserIp } from './internal/end-user-ip.js';
import { INPUT_LIMITS } from './internal/input-limits.js';
import {
  checkLength,
  invalid,
  isNonEmptyString,
  isRecord,
  textIn,
} from './internal/option-checks.js';
import type { Gender, OptionalContext, RequestContext, WrappingType } from './types.js';
import { WRAPPING_TYPES } from './types.js';

const GENDERS: readonly Gender[] = ['male', 'female', 'other'];
const OPTIONAL_KEYS = ['country', 'region', 'city', 'asn', 'age', 'gender'] as const;
const REQUIRED_KEYS = ['sessionId', 'userAgent', 'userIp'] as const;
const checkSessionId = textIn({ maxLength: INPUT_LIMITS.sessionId });
const checkUserAgent = textIn({ maxLength: INPUT_LIMITS.userAgent });
const checkPlace = {
  region: textIn({ maxLength: INPUT_LIMITS.region }),
  city: textIn({ maxLength: INPUT_LIMITS.city }),
};

/**
 * Checks the prompt: a non-empty string of at most 32 768 UTF-16 code units (line breaks and tabs
 * are fine). Its text is never quoted.
 */
export function validatePrompt(value: unknown): string {
  if (!isNonEmptyString(value))
    throw invalid('prompt', 'is required and must be a non-empty string');
  checkLength(value, 'prompt', INPUT_LIMITS.prompt);
  return value;
}

/**
 * Checks the required request context. `sessionId`, `userAgent` and `userIp` must be non-empty
 * strings (`MissingParameterError` otherwise); `sessionId` (at most 256 UTF-16 code units) and
 * `userAgent` (at most 1 024) without control characters; `userIp` the end user's public IP
 * address, returned in its canonical spelling (see `validateEndUserIp` in
 * `@adstract/client/internal`). Errors name the field and the rule; values are never echoed.
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
  const { sessionId, userAgent, userIp } = value as Record<(typeof REQUIRED_KEYS)[number], string>;
  checkSessionId(sessionId, `${path}.sessionId`);
  checkUserAgent(userAgent, `${path}.userAgent`);
  return { sessionId, userAgent, userIp: validateEndUserIp(userIp, `${path}.userIp`) };
}

/**
 * Checks optional targeting context as Adstract documents it: `country` two uppercase letters,
 * `region`/`city` non-empty strings of at most 100 UTF-16 code units without control characters, `asn` a non-negative integer, `age` an integer 0..120,
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
    checkPlace[key](field, `${path}.${key}`);
    result[key] = field as string;
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
