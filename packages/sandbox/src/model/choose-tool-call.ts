import { isObject, type OfferedTool, type ToolChoice } from './conversation.js';

/** A tool call the stand-in decided to make. */
export interface PlannedToolCall {
  name: string;
  /** The arguments as JSON text. */
  arguments: string;
}

/** Words in tool names that say nothing about the topic (`getWeather` is about `weather`). */
const GENERIC_WORDS = new Set([
  'get',
  'fetch',
  'find',
  'search',
  'lookup',
  'look',
  'list',
  'read',
  'query',
  'check',
  'show',
  'retrieve',
  'current',
  'run',
  'call',
  'tool',
  'info',
  'data',
]);

/** Property names that ask for a place: they get the question's proper noun. */
export const PLACE_PROPERTY = /city|location|place|destination|town|country|region|where/i;
const NOT_NAMES = new Set(['I', "I'm", "I've", "I'd", "I'll"]);

/** The topic words of a tool name: `getWeather` → `weather`, `search_flights` → `flights`. */
export function toolNameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((word) => word.toLowerCase())
    .filter((word) => word.length >= 3 && !GENERIC_WORDS.has(word));
}

/**
 * Picks the tool to call, if any: the named tool for a forced choice, else the first tool whose
 * name words appear in the question (singular or plural), else the first tool when one is required.
 */
export function chooseTool(
  question: string,
  tools: readonly OfferedTool[],
  choice: ToolChoice,
): OfferedTool | undefined {
  if (choice === 'none') return undefined;
  if (typeof choice === 'object') return tools.find((tool) => tool.name === choice.name);
  const words = new Set(question.toLowerCase().match(/[a-z0-9]+/g) ?? []);
  const matched = tools.find((tool) =>
    toolNameWords(tool.name).some(
      (word) => words.has(word) || words.has(`${word}s`) || words.has(word.replace(/s$/, '')),
    ),
  );
  return matched ?? (choice === 'required' ? tools[0] : undefined);
}

/** A capitalised word that is not the first of its sentence ("Lisbon"), if any. */
export function properNoun(question: string): string | undefined {
  for (const sentence of question.split(/[.!?]\s+/)) {
    const words = sentence.split(/\s+/).slice(1);
    for (const word of words) {
      const bare = word.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
      if (/^\p{Lu}[\p{L}'-]+$/u.test(bare) && !NOT_NAMES.has(bare)) return bare;
    }
  }
  return undefined;
}

/**
 * Derives arguments from the tool's JSON schema and the question: place-like string properties
 * get the proper noun of the question ("Lisbon"), other strings the question, numbers 1,
 * booleans true, enums their first value.
 */
export function deriveArguments(question: string, parameters: unknown): Record<string, unknown> {
  const properties =
    isObject(parameters) && isObject(parameters.properties) ? parameters.properties : {};
  const place =
    properNoun(question) ??
    question
      .split(/\s+/)
      .at(-1)
      ?.replace(/[^\p{L}\p{N}-]/gu, '') ??
    '';
  const values: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(properties)) {
    const property = isObject(schema) ? schema : {};
    const types = Array.isArray(property.type) ? property.type : [property.type];
    if (Array.isArray(property.enum) && property.enum.length > 0) values[key] = property.enum[0];
    else if (types.includes('string')) values[key] = PLACE_PROPERTY.test(key) ? place : question;
    else if (types.includes('integer') || types.includes('number')) values[key] = 1;
    else if (types.includes('boolean')) values[key] = true;
    else if (types.includes('array')) values[key] = [];
    else if (types.includes('object')) values[key] = {};
    else values[key] = question;
  }
  return values;
}

/** The tool call for a question, or undefined when no offered tool fits. */
export function chooseToolCall(
  question: string,
  tools: readonly OfferedTool[],
  choice: ToolChoice,
): PlannedToolCall | undefined {
  const tool = chooseTool(question, tools, choice);
  if (tool === undefined) return undefined;
  return { name: tool.name, arguments: JSON.stringify(deriveArguments(question, tool.parameters)) };
}
