import { ValidationError } from './errors/validation-error.js';
import type { HeaderValue } from './header-value.js';
import { INPUT_LIMITS } from './internal/input-limits.js';
import { codePointName } from './internal/option-checks.js';

/** Where the key came from, named in messages so the fix is obvious. */
export type ApiKeySource = 'option' | 'environment';

const MIN_LENGTH = 10;
/** What a key may hold: printable ASCII without spaces (keys look like `adpk_…`). */
const KEY_CHARACTER = /^[!-~]$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /^[\u0000-\u001f\u007f-\u009f]$/;

const failure = (message: string) => new ValidationError({ message, field: 'apiKey' });

/**
 * Checks the API key before it becomes the `X-Adstract-API-Key` header: at least 10 characters
 * of printable ASCII, no whitespace or control character anywhere (a trailing newline included:
 * fetch would refuse the header on every call). Messages say what is wrong and where, never the
 * key nor any part of it.
 *
 * @throws {ValidationError} with `field: 'apiKey'`.
 */
export function validateApiKey(value: unknown, source: ApiKeySource): HeaderValue {
  if (typeof value !== 'string' || value.trim() === '') {
    throw failure(
      `apiKey is required and must be at least ${MIN_LENGTH} characters (pass apiKey or set ADSTRACT_API_KEY)`,
    );
  }
  const origin = source === 'environment' ? 'ADSTRACT_API_KEY' : 'the value passed as apiKey';
  const characters = [...value];
  const bad = characters.findIndex((character) => !KEY_CHARACTER.test(character));
  if (bad !== -1) {
    const character = characters[bad] ?? '';
    const where = position(characters, bad);
    const name = codePointName(character);
    if (character === '\n' || character === '\r') {
      throw failure(
        `apiKey contains a line break (${where}); check for a trailing newline in ${origin}`,
      );
    }
    if (/^\s$/.test(character)) {
      throw failure(
        `apiKey contains whitespace (${name}, ${where}); check for spaces copied with the key into ${origin}`,
      );
    }
    if (CONTROL.test(character)) {
      throw failure(
        `apiKey contains a control character (${name}, ${where}); ${origin} does not hold a key as issued`,
      );
    }
    throw failure(
      `apiKey contains a character outside printable ASCII (${name}, ${where}); keys are ASCII, check for a character pasted with the key into ${origin}`,
    );
  }
  if (value.length < MIN_LENGTH) {
    throw failure(
      `apiKey is required and must be at least ${MIN_LENGTH} characters (pass apiKey or set ADSTRACT_API_KEY)`,
    );
  }
  if (value.length > INPUT_LIMITS.apiKey) {
    throw failure(
      `apiKey must be at most ${INPUT_LIMITS.apiKey} characters; check ${origin} holds only the key`,
    );
  }
  return value as HeaderValue;
}

/** Where the first bad character sits: before the key, after it, or inside it. */
function position(characters: readonly string[], bad: number): string {
  const isBad = characters.map((character) => !KEY_CHARACTER.test(character));
  const firstGood = isBad.indexOf(false);
  const lastGood = isBad.lastIndexOf(false);
  if (isBad.slice(firstGood, lastGood + 1).includes(true)) return 'inside';
  return bad < firstGood ? 'at the start' : 'at the end';
}
