import { ValidationError } from '@adstract/client';

/**
 * Anything with a Web `Headers`-like `get`: `Headers` from any realm or polyfill, Express's
 * `request`, a `Map` of lower-case names. Checked by duck typing, never with `instanceof`.
 */
export interface HeaderGetter {
  get(name: string): string | null | undefined;
}

/**
 * A plain record of headers, such as Node's `IncomingHttpHeaders`: values are strings or arrays
 * of strings (repeated headers). Names match case-insensitively.
 */
export type HeaderRecord = { readonly [name: string]: string | readonly string[] | undefined };

/**
 * Where request headers are read from: a Web `Request` (Next.js, Hono, Remix), a Node
 * `IncomingMessage`, or the headers themselves (`Headers`, `IncomingHttpHeaders`, a record).
 */
export type HeaderSource =
  | HeaderGetter
  | HeaderRecord
  | { readonly headers: HeaderGetter | HeaderRecord };

/** Reads one header by its lower-case name; undefined when it is absent or not text. */
export type HeaderLookup = (name: string) => string | undefined;

const isObject = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasGet = (value: object): value is HeaderGetter =>
  typeof (value as { get?: unknown }).get === 'function';

function getterLookup(headers: HeaderGetter): HeaderLookup {
  return (name) => {
    const value: unknown = headers.get(name);
    return typeof value === 'string' ? value : undefined;
  };
}

function recordLookup(headers: object): HeaderLookup {
  // Lower-cased names in a Map: `__proto__` or `constructor` keys are plain data here.
  const byName = new Map<string, string[]>();
  for (const [key, value] of Object.entries(headers)) {
    const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
    const strings = values.filter((item): item is string => typeof item === 'string');
    if (strings.length === 0) continue;
    const name = key.toLowerCase();
    const known = byName.get(name);
    if (known === undefined) byName.set(name, strings);
    else known.push(...strings);
  }
  return (name) => byName.get(name)?.join(', ');
}

/**
 * Builds a reader of the headers of `source`. Repeated headers (array values, or record keys that
 * differ only in case) are joined with `, ` as HTTP does; values that are not strings are ignored.
 * Throws a `ValidationError` (field `request` or `request.headers`) for a source that holds no
 * headers at all (`null`, a string, `{ headers: null }`).
 */
export function headerLookup(source: unknown): HeaderLookup {
  if (!isObject(source)) {
    throw new ValidationError({
      message: 'request must be a Request, an IncomingMessage, Headers or a header record',
      field: 'request',
    });
  }
  if (hasGet(source)) return getterLookup(source);
  if ('headers' in source) {
    const headers: unknown = source.headers;
    // A header literally named `headers` holds a string or an array: then `source` is the record.
    if (typeof headers !== 'string' && !Array.isArray(headers) && headers !== undefined) {
      if (!isObject(headers)) {
        throw new ValidationError({
          message: 'request.headers must be Headers or a header record',
          field: 'request.headers',
        });
      }
      return hasGet(headers) ? getterLookup(headers) : recordLookup(headers);
    }
  }
  return recordLookup(source);
}
