import { invalid } from './internal/option-checks.js';

declare const headerValueBrand: unique symbol;

/**
 * A string checked safe to send as an HTTP header value: printable ASCII, no leading or trailing
 * space, so no CR or LF. The transport takes only these: header injection cannot compile.
 */
export type HeaderValue = string & { readonly [headerValueBrand]: true };

/** Visible ASCII, with single spaces allowed inside (`Mozilla/5.0 (X11)`, not ` x`). */
const HEADER_VALUE = /^[!-~](?:[ -~]*[!-~])?$/;

/** True when `value` can be sent as a header value as it is. */
export function isHeaderValue(value: string): value is HeaderValue {
  return HEADER_VALUE.test(value);
}

/**
 * `value` as a {@link HeaderValue}, or a `ValidationError` naming `field` (the value is never quoted).
 */
export function headerValue(value: string, field: string, header: string): HeaderValue {
  if (!isHeaderValue(value)) {
    throw invalid(
      field,
      `must be printable ASCII without line breaks or surrounding spaces (it is sent as the ${header} header)`,
    );
  }
  return value;
}
