/** Turns text into text that holds no private value. */
export type RedactText = (text: string) => string;

/** Deeper nesting is cut: a cause chain or object that deep is not worth printing. */
const MAX_DEPTH = 16;
/** Most entries copied from one array or object. */
const MAX_ENTRIES = 64;
const KEPT_BY_STRUCTURE = new Set(['name', 'message', 'stack', 'cause', 'errors']);
const ERROR_TYPES = [TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError];

/**
 * A copy of a thrown value (an error's `cause`, say) that prints nothing `redactText` removes,
 * however it is printed: `util.inspect` with hidden properties, `JSON.stringify`, `String`.
 *
 * - An error becomes an error of the same built-in type (`TypeError`, `DOMException`,
 *   `AggregateError`, …; other classes become `Error` with their `name`) with its name, message
 *   and stack redacted, its `cause` and `errors` copied the same way, and its own primitive
 *   properties (`code`, `errno`, …) kept, strings redacted. Getters and properties holding
 *   objects (a request, its headers) are dropped: they are where secrets hide.
 * - A string is redacted; an array or other object becomes a plain copy of its own enumerable
 *   data, keys and strings redacted; other primitives stay as they are.
 */
export function redactedCopy(value: unknown, redactText: RedactText): unknown {
  return copyOf(value, { redactText, copies: new Map() }, 0);
}

interface CopyState {
  redactText: RedactText;
  /** Copies made so far, so that shared and circular references stay shared and circular. */
  copies: Map<object, unknown>;
}

function copyOf(value: unknown, state: CopyState, depth: number): unknown {
  if (typeof value === 'string') return state.redactText(value);
  if (typeof value === 'symbol') return Symbol(state.redactText(value.description ?? ''));
  if (typeof value === 'function') return '[function]';
  if (typeof value !== 'object' || value === null) return value;
  const existing = state.copies.get(value);
  if (existing !== undefined) return existing;
  if (depth > MAX_DEPTH) return '[nested too deep]';
  if (isError(value)) return copyError(value, state, depth);
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    state.copies.set(value, copy);
    for (const item of value.slice(0, MAX_ENTRIES)) copy.push(copyOf(item, state, depth + 1));
    return copy;
  }
  const copy: Record<string, unknown> = {};
  state.copies.set(value, copy);
  for (const [key, descriptor] of ownDataProperties(value)) {
    if (descriptor.enumerable === true) {
      copy[state.redactText(key)] = copyOf(descriptor.value, state, depth + 1);
    }
  }
  return copy;
}

function copyError(error: object, state: CopyState, depth: number): Error {
  const name = state.redactText(String(read(error, 'name') ?? 'Error'));
  const message = state.redactText(String(read(error, 'message') ?? ''));
  const copy = newError(error, name, message);
  state.copies.set(error, copy);
  if (copy.name !== name) define(copy, 'name', name, false);
  const stack = read(error, 'stack');
  if (typeof stack === 'string') define(copy, 'stack', state.redactText(stack), false);
  else Reflect.deleteProperty(copy, 'stack');
  if (hasOwn(error, 'cause')) {
    define(copy, 'cause', copyOf(read(error, 'cause'), state, depth + 1), false);
  }
  const errors = read(error, 'errors');
  if (Array.isArray(errors)) define(copy, 'errors', copyOf(errors, state, depth + 1), false);
  for (const [key, descriptor] of ownDataProperties(error)) {
    const kept = descriptor.value;
    if (KEPT_BY_STRUCTURE.has(key) || (typeof kept === 'object' && kept !== null)) continue;
    if (typeof kept === 'function') continue;
    define(
      copy,
      state.redactText(key),
      copyOf(kept, state, depth + 1),
      descriptor.enumerable === true,
    );
  }
  return copy;
}

/** A fresh error of the closest built-in type: its own stack is replaced by the original's. */
function newError(original: object, name: string, message: string): Error {
  if (tagOf(original) === 'DOMException' && typeof DOMException === 'function') {
    return new DOMException(message, name);
  }
  if (original instanceof AggregateError || Array.isArray(read(original, 'errors'))) {
    return new AggregateError([], message);
  }
  const type = ERROR_TYPES.find((candidate) => original instanceof candidate) ?? Error;
  return new type(message);
}

/** Errors of any realm (the edge runtime's, a worker's) and `DOMException`s. */
function isError(value: object): boolean {
  const tag = tagOf(value);
  return value instanceof Error || tag === 'Error' || tag === 'DOMException';
}

function tagOf(value: object): string {
  try {
    return Object.prototype.toString.call(value).slice(8, -1);
  } catch {
    return 'Object';
  }
}

/** Reads a property without letting a throwing getter (or proxy) escape. */
function read(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function hasOwn(value: object, key: string): boolean {
  try {
    return Object.hasOwn(value, key);
  } catch {
    return false;
  }
}

/** Own string-keyed data properties (accessors skipped: reading them runs foreign code). */
function ownDataProperties(value: object): Array<[string, PropertyDescriptor]> {
  let descriptors: Record<string, PropertyDescriptor>;
  try {
    descriptors = Object.getOwnPropertyDescriptors(value);
  } catch {
    return [];
  }
  return Object.entries(descriptors)
    .filter(([, descriptor]) => 'value' in descriptor)
    .slice(0, MAX_ENTRIES);
}

function define(target: object, key: string, value: unknown, enumerable: boolean): void {
  Object.defineProperty(target, key, { value, enumerable, writable: true, configurable: true });
}

/**
 * `error` with its `cause` (and everything under it) replaced by a {@link redactedCopy}: what a
 * fetch implementation threw may quote the key, the headers or the body it was given.
 */
export function withRedactedCause<T extends Error>(error: T, redactText: RedactText): T {
  if (Object.hasOwn(error, 'cause')) {
    define(error, 'cause', redactedCopy(error.cause, redactText), false);
  }
  return error;
}
