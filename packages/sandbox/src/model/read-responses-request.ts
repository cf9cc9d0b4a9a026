import {
  type Conversation,
  contentText,
  isObject,
  type OfferedTool,
  readJsonFormat,
  readToolChoice,
  type ToolResult,
} from './conversation.js';

/** Finds a stored output item by id (see `ItemStore`). */
export type ItemLookup = (id: string) => Record<string, unknown> | undefined;

/**
 * Reads a Responses body: `input` (a string, or items: messages, `function_call`,
 * `function_call_output`, and `item_reference`s, resolved with `lookup` and skipped when unknown),
 * `instructions`, `tools`, `tool_choice`, `text.format`.
 */
export function readResponsesRequest(
  body: Record<string, unknown>,
  lookup: ItemLookup = () => undefined,
): Conversation {
  const items =
    typeof body.input === 'string'
      ? [{ role: 'user', content: body.input }]
      : Array.isArray(body.input)
        ? body.input.filter(isObject).flatMap((item) => {
            if (item.type !== 'item_reference') return [item];
            const stored = typeof item.id === 'string' ? lookup(item.id) : undefined;
            return stored === undefined ? [] : [stored];
          })
        : [];
  const names = new Map<string, string>();
  let userText: string | undefined;
  let toolResults: ToolResult[] = [];
  const texts: string[] = typeof body.instructions === 'string' ? [body.instructions] : [];
  for (const item of items) {
    if (item.type === 'function_call') {
      if (typeof item.call_id === 'string') names.set(item.call_id, String(item.name));
      continue;
    }
    if (item.type === 'function_call_output') {
      const output = typeof item.output === 'string' ? item.output : contentText(item.output);
      texts.push(output);
      const callId = typeof item.call_id === 'string' ? item.call_id : '';
      toolResults.push({ name: names.get(callId), output });
      continue;
    }
    if (item.type !== undefined && item.type !== 'message') continue;
    const text = contentText(item.content);
    texts.push(text);
    if (item.role === 'user') {
      userText = text;
      toolResults = [];
    }
  }
  const tools: OfferedTool[] = [];
  for (const tool of Array.isArray(body.tools) ? body.tools : []) {
    if (isObject(tool) && tool.type === 'function' && typeof tool.name === 'string') {
      tools.push({ name: tool.name, parameters: tool.parameters });
    }
  }
  return {
    userText,
    toolResults,
    tools,
    toolChoice: readToolChoice(body.tool_choice),
    allText: texts.join('\n'),
    jsonFormat: readJsonFormat(isObject(body.text) ? body.text.format : undefined),
  };
}
