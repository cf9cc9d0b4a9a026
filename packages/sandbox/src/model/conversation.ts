/** A function tool the request offers. */
export interface OfferedTool {
  name: string;
  /** The tool's JSON schema, as sent. */
  parameters: unknown;
}

/** A tool result that came back after the latest user message. */
export interface ToolResult {
  name: string | undefined;
  /** The result as the provider sent it (usually JSON text). */
  output: string;
}

/** How the request lets the model use tools. */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

/** A request for JSON output (`response_format` / `text.format`), with its JSON schema if any. */
export interface JsonFormat {
  /** The JSON schema the answer must follow; undefined for plain JSON mode (`json_object`). */
  schema: unknown;
}

/** What the stand-in reads from a Chat Completions or Responses request. */
export interface Conversation {
  /** The text of the latest user message (text parts joined), if any. */
  userText: string | undefined;
  /** Tool results after the latest user message: the tool loop's later steps. */
  toolResults: ToolResult[];
  tools: OfferedTool[];
  toolChoice: ToolChoice;
  /** Every text of the request, for the usage numbers. */
  allText: string;
  /** Set when the request asks for JSON output (structured output). */
  jsonFormat?: JsonFormat | undefined;
}

/** A plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text of a message content: a string, or the `text` of its parts. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : ''))
    .filter((text) => text !== '')
    .join('\n\n');
}

/** Reads `tool_choice` in either API's spelling. */
export function readToolChoice(value: unknown): ToolChoice {
  if (value === 'none' || value === 'required' || value === 'auto') return value;
  if (isObject(value)) {
    const fn = isObject(value.function) ? value.function : value;
    if (typeof fn.name === 'string') return { name: fn.name };
  }
  return 'auto';
}

/**
 * Reads a JSON output request in either API's spelling: Chat Completions `response_format`
 * (`{ type: 'json_schema', json_schema: { schema } }` or `{ type: 'json_object' }`), Responses
 * `text.format` (`{ type: 'json_schema', schema }` or `{ type: 'json_object' }`).
 */
export function readJsonFormat(format: unknown): JsonFormat | undefined {
  if (!isObject(format)) return undefined;
  if (format.type === 'json_object') return { schema: undefined };
  if (format.type !== 'json_schema') return undefined;
  const holder = isObject(format.json_schema) ? format.json_schema : format;
  return { schema: holder.schema };
}
