import { invalid } from './internal/option-checks.js';

/**
 * Checks the base URL and returns it without trailing slashes: an `http(s)` URL without a
 * username or password (a URL ends up in logs and error messages; fetch also refuses one with
 * credentials, quoting it) and without a query or fragment (request paths are appended to it).
 * The value is never quoted.
 *
 * @throws {ValidationError} with `field: 'baseURL'`.
 */
export function validateBaseURL(value: unknown): string {
  const url = parseUrl(value);
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw invalid('baseURL', 'must be an http(s) URL');
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid(
      'baseURL',
      'must not contain a username or password (the API key goes in apiKey, never in the URL)',
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw invalid(
      'baseURL',
      'must not have a query or a fragment (request paths are appended to it)',
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function parseUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
