import { REDACTED, redact } from './redact.js';

/** A JSON `"ad_response_id": "…"` field, its value (still JSON-escaped) captured. */
const AD_ID_FIELD = /("ad_response_id"\s*:\s*")((?:[^"\\]|\\.)*)"/g;

/** Ids this short are redacted in their field only: elsewhere they could match ordinary text. */
const MIN_ID_LENGTH_ELSEWHERE = 8;

/**
 * `text` (an answer's body, for an error to quote) with its ad ids replaced by `[redacted]`: the
 * value of every `ad_response_id` field, and every other occurrence of those values, raw or
 * JSON-escaped. An ad id names one ad for billing; it has no business in logs. (`acknowledge`
 * knows its ad's id beforehand and redacts it as a private value, wherever it occurs.)
 */
export function redactAdResponseIds(text: string): string {
  const ids = new Set<string>();
  const inFields = text.replace(AD_ID_FIELD, (_match, field: string, escaped: string) => {
    ids.add(escaped);
    try {
      const decoded: unknown = JSON.parse(`"${escaped}"`);
      if (typeof decoded === 'string') ids.add(decoded);
    } catch {
      // Not valid JSON escaping: the raw value is redacted all the same.
    }
    return escaped === '' ? `${field}"` : `${field}${REDACTED}"`;
  });
  const elsewhere = [...ids].filter((id) => id.trim().length >= MIN_ID_LENGTH_ELSEWHERE);
  return redact(inFields, elsewhere);
}
