import { PLACE_PROPERTY, properNoun } from './choose-tool-call.js';
import { isObject } from './conversation.js';

const MAX_DEPTH = 8;

/**
 * Builds a JSON value that follows a JSON schema, as a model answering with structured output
 * would: objects get every property, arrays one item (or `minItems`), enums and `const` their
 * first value, `anyOf` / `oneOf` their first non-null branch, local `$ref`s are followed. Strings
 * are the question (place-like property names get its proper noun, "Lisbon"), cut to
 * `maxLength`; numbers are 1, moved into `minimum` / `maximum`; booleans true. Without a schema
 * (plain JSON mode) the answer is `{ "answer": text }`.
 */
export function schemaExample(question: string, schema: unknown, text = question): unknown {
  if (schema === undefined) return { answer: text };
  const place = properNoun(question) ?? question;
  return example(schema, { root: schema, question, place, key: '', depth: 0 });
}

interface Walk {
  root: unknown;
  question: string;
  place: string;
  key: string;
  depth: number;
}

function example(schema: unknown, walk: Walk): unknown {
  if (!isObject(schema) || walk.depth > MAX_DEPTH) return null;
  const resolved = resolveReference(schema, walk.root);
  if ('const' in resolved) return resolved.const;
  if (Array.isArray(resolved.enum) && resolved.enum.length > 0) return resolved.enum[0];
  const branches = Array.isArray(resolved.anyOf)
    ? resolved.anyOf
    : Array.isArray(resolved.oneOf)
      ? resolved.oneOf
      : undefined;
  if (branches !== undefined) {
    const branch = branches.find((item) => !(isObject(item) && item.type === 'null'));
    return example(branch ?? branches[0], walk);
  }
  const types = Array.isArray(resolved.type) ? resolved.type : [resolved.type];
  const type =
    types.find((item) => item !== 'null') ?? (isObject(resolved.properties) ? 'object' : types[0]);
  const deeper = (key: string): Walk => ({ ...walk, key, depth: walk.depth + 1 });
  switch (type) {
    case 'object': {
      const properties = isObject(resolved.properties) ? resolved.properties : {};
      const value: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(properties)) {
        value[key] = example(property, deeper(key));
      }
      return value;
    }
    case 'array': {
      const count = typeof resolved.minItems === 'number' ? Math.max(1, resolved.minItems) : 1;
      return Array.from({ length: count }, () => example(resolved.items, deeper(walk.key)));
    }
    case 'string': {
      const text = PLACE_PROPERTY.test(walk.key) ? walk.place : walk.question;
      const max = typeof resolved.maxLength === 'number' ? resolved.maxLength : text.length;
      const min = typeof resolved.minLength === 'number' ? resolved.minLength : 0;
      return text.slice(0, max).padEnd(min, '.');
    }
    case 'integer':
    case 'number':
      return withinBounds(resolved, type === 'integer');
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return walk.question;
  }
}

function resolveReference(schema: Record<string, unknown>, root: unknown): Record<string, unknown> {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string' && hops < MAX_DEPTH; hops++) {
    const path = current.$ref
      .replace(/^#\/?/, '')
      .split('/')
      .filter((part) => part !== '');
    let target: unknown = root;
    for (const part of path) target = isObject(target) ? target[part] : undefined;
    if (!isObject(target)) return current;
    current = target;
  }
  return current;
}

function withinBounds(schema: Record<string, unknown>, integer: boolean): number {
  const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
  const step = integer ? 1 : 0.5;
  const minimum = number(schema.minimum) ?? addTo(number(schema.exclusiveMinimum), step);
  const maximum = number(schema.maximum) ?? addTo(number(schema.exclusiveMaximum), -step);
  let value = 1;
  if (minimum !== undefined && value < minimum) value = integer ? Math.ceil(minimum) : minimum;
  if (maximum !== undefined && value > maximum) value = integer ? Math.floor(maximum) : maximum;
  return value;
}

function addTo(value: number | undefined, amount: number): number | undefined {
  return value === undefined ? undefined : value + amount;
}
