import { outputTokens } from './chat-completions.js';
import { type EventStream, splitArguments, splitDeltas } from './event-stream.js';
import type { ModelTurn } from './plan-turn.js';
import type { TurnContext } from './turn-context.js';

/** The non-streaming Responses answer (`response` object, status `completed`). */
export function responseBody(turn: ModelTurn, context: TurnContext): Record<string, unknown> {
  return responseObject(context, 'completed', [outputItem(turn, context, 'completed')], turn);
}

/**
 * Streams a Responses answer as its typed events: `response.created`, `response.in_progress`,
 * `response.output_item.added`, then `response.content_part.added`, one
 * `response.output_text.delta` per word, `response.output_text.done`, `response.content_part.done`
 * (text) or `response.function_call_arguments.delta`/`.done` (tool call), then
 * `response.output_item.done` and `response.completed` with the usage.
 */
export async function streamResponse(
  stream: EventStream,
  turn: ModelTurn,
  context: TurnContext,
): Promise<void> {
  let sequence = 0;
  const send = (type: string, fields: Record<string, unknown>) =>
    stream.send({ type, sequence_number: sequence++, ...fields }, type);
  const itemId = itemIdOf(turn, context);

  send('response.created', { response: responseObject(context, 'in_progress', [], undefined) });
  send('response.in_progress', { response: responseObject(context, 'in_progress', [], undefined) });
  send('response.output_item.added', {
    output_index: 0,
    item: outputItem(turn, context, 'in_progress'),
  });
  if (turn.kind === 'text') {
    const part = (text: string) => ({ type: 'output_text', text, annotations: [], logprobs: [] });
    const at = { item_id: itemId, output_index: 0, content_index: 0 };
    send('response.content_part.added', { ...at, part: part('') });
    for (const [index, delta] of splitDeltas(turn.text).entries()) {
      if (index > 0 && !(await stream.pause())) return;
      send('response.output_text.delta', { ...at, delta, logprobs: [] });
    }
    send('response.output_text.done', { ...at, text: turn.text, logprobs: [] });
    send('response.content_part.done', { ...at, part: part(turn.text) });
  } else {
    for (const delta of splitArguments(turn.arguments)) {
      if (!(await stream.pause())) return;
      send('response.function_call_arguments.delta', { item_id: itemId, output_index: 0, delta });
    }
    send('response.function_call_arguments.done', {
      item_id: itemId,
      output_index: 0,
      arguments: turn.arguments,
    });
  }
  const done = outputItem(turn, context, 'completed');
  send('response.output_item.done', { output_index: 0, item: done });
  send('response.completed', { response: responseObject(context, 'completed', [done], turn) });
  stream.end();
}

/**
 * The answer's output item as a later request's input item, with its id: what OpenAI stores for
 * an `item_reference` (`@ai-sdk/openai@2` refers to its function calls this way).
 */
export function storedOutputItem(
  turn: ModelTurn,
  context: TurnContext,
): [id: string, item: Record<string, unknown>] {
  const id = itemIdOf(turn, context);
  if (turn.kind === 'tool-call') {
    return [
      id,
      {
        type: 'function_call',
        call_id: context.callId,
        name: turn.name,
        arguments: turn.arguments,
      },
    ];
  }
  return [
    id,
    { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: turn.text }] },
  ];
}

function itemIdOf(turn: ModelTurn, context: TurnContext): string {
  return `${turn.kind === 'text' ? 'msg' : 'fc'}_${context.id}`;
}

function outputItem(
  turn: ModelTurn,
  context: TurnContext,
  status: 'in_progress' | 'completed',
): Record<string, unknown> {
  const id = itemIdOf(turn, context);
  if (turn.kind === 'tool-call') {
    return {
      type: 'function_call',
      id,
      call_id: context.callId,
      name: turn.name,
      arguments: status === 'completed' ? turn.arguments : '',
      status,
    };
  }
  return {
    type: 'message',
    id,
    status,
    role: 'assistant',
    content:
      status === 'completed'
        ? [{ type: 'output_text', text: turn.text, annotations: [], logprobs: [] }]
        : [],
  };
}

function responseObject(
  context: TurnContext,
  status: 'in_progress' | 'completed',
  output: Record<string, unknown>[],
  turn: ModelTurn | undefined,
): Record<string, unknown> {
  const produced = turn === undefined ? 0 : outputTokens(turn);
  return {
    id: `resp_${context.id}`,
    object: 'response',
    created_at: context.created,
    status,
    error: null,
    incomplete_details: null,
    model: context.model,
    output,
    parallel_tool_calls: true,
    service_tier: 'default',
    usage:
      turn === undefined
        ? null
        : {
            input_tokens: context.inputTokens,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens: produced,
            output_tokens_details: { reasoning_tokens: 0 },
            total_tokens: context.inputTokens + produced,
          },
  };
}
