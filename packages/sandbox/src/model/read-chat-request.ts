import {
  type Conversation,
  contentText,
  isObject,
  type OfferedTool,
  readJsonFormat,
  readToolChoice,
  type ToolResult,
} from './conversation.js';

/** Reads a Chat Completions body (`messages`, `tools`, `tool_choice`, `response_format`). */
export function readChatRequest(body: Record<string, unknown>): Conversation {
  const messages = Array.isArray(body.messages) ? body.messages.filter(isObject) : [];
  const names = new Map<string, string>();
  let userText: string | undefined;
  let toolResults: ToolResult[] = [];
  const texts: string[] = [];
  for (const message of messages) {
    const text = contentText(message.content);
    texts.push(text);
    if (message.role === 'user') {
      userText = text;
      toolResults = [];
    } else if (message.role === 'assistant' && Array.isArray(message.tool_calls)) {
      for (const call of message.tool_calls) {
        if (isObject(call) && typeof call.id === 'string' && isObject(call.function)) {
          names.set(call.id, String(call.function.name));
        }
      }
    } else if (message.role === 'tool') {
      const id = typeof message.tool_call_id === 'string' ? message.tool_call_id : '';
      toolResults.push({ name: names.get(id), output: text });
    }
  }
  const tools: OfferedTool[] = [];
  for (const tool of Array.isArray(body.tools) ? body.tools : []) {
    if (isObject(tool) && isObject(tool.function) && typeof tool.function.name === 'string') {
      tools.push({ name: tool.function.name, parameters: tool.function.parameters });
    }
  }
  return {
    userText,
    toolResults,
    tools,
    toolChoice: readToolChoice(body.tool_choice),
    allText: texts.join('\n'),
    jsonFormat: readJsonFormat(body.response_format),
  };
}
