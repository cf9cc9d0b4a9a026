/** The header Adstract reads the API key from. */
export const API_KEY_HEADER = 'x-adstract-api-key';

/** Keys look like `adpk_` followed by at least 5 letters, digits, `_` or `-` (10+ characters). */
const KEY_FORMAT = /^adpk_[A-Za-z0-9_-]{5,}$/;

/** The verdict on a request's API key: accepted, or the auth error to answer. */
export type ApiKeyCheck =
  | { ok: true; key: string }
  | { ok: false; status: 400 | 401 | 403; code: string; detail: string; outcome: string };

/**
 * Checks the `X-Adstract-API-Key` header the sandbox way: missing → 401, not `adpk_…` → 400,
 * `adpk_unknown…` → 401, `adpk_revoked…` → 403, any other well-formed key is accepted.
 */
export function checkApiKey(header: string | string[] | undefined): ApiKeyCheck {
  const key = Array.isArray(header) ? header.join(',') : (header ?? '');
  if (key.trim() === '') {
    return {
      ok: false,
      status: 401,
      code: 'not_authenticated',
      detail: 'API key missing: send it in the X-Adstract-API-Key header.',
      outcome: 'missing-key',
    };
  }
  if (!KEY_FORMAT.test(key)) {
    return {
      ok: false,
      status: 400,
      code: 'invalid_api_key_format',
      detail: 'API key format is invalid: keys look like adpk_ followed by letters and digits.',
      outcome: 'bad-key-format',
    };
  }
  if (key.startsWith('adpk_unknown')) {
    return {
      ok: false,
      status: 401,
      code: 'invalid_api_key',
      detail: 'API key is not valid.',
      outcome: 'unknown-key',
    };
  }
  if (key.startsWith('adpk_revoked')) {
    return {
      ok: false,
      status: 403,
      code: 'api_key_revoked',
      detail: 'API key has been revoked.',
      outcome: 'revoked-key',
    };
  }
  return { ok: true, key };
}
