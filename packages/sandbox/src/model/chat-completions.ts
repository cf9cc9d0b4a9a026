import { type EventStream, splitArguments, splitDeltas } from './event-stream.js';
import type { ModelTurn } from './plan-turn.js';
import type { TurnContext } from './turn-context.js';

/** The non-streaming Chat Completions answer (`chat.completion`). */
export function chatCompletionBody(turn: ModelTurn, context: TurnContext): Record<string, unknown> {
  const message =
    turn.kind === 'text'
      ? { role: 'assistant', content: turn.text, refusal: null, annotations: [] }
      : {
          role: 'assistant',
          content: null,
          refusal: null,
          annotations: [],
          tool_calls: [
            {
              id: context.callId,
              type: 'function',
              function: { name: turn.name, arguments: turn.arguments },
            },
          ],
        };
  return {
    id: `chatcmpl-${context.id}`,
    object: 'chat.completion',
    created: context.created,
    model: context.model,
    system_fingerprint: 'fp_sandbox',
    choices: [
      {
        index: 0,
        message,
        logprobs: null,
        finish_reason: turn.kind === 'text' ? 'stop' : 'tool_calls',
      },
    ],
    usage: chatUsage(context, turn),
  };
}

/**
 * Streams a Chat Completions answer as `chat.completion.chunk` events: the role, then one
 * delta per word (or argument chunk), then the finish reason, the usage chunk when
 * `stream_options.include_usage` is set, and `[DONE]`.
 */
export async function streamChatCompletion(
  stream: EventStream,
  turn: ModelTurn,
  context: TurnContext,
  includeUsage: boolean,
): Promise<void> {
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
    id: `chatcmpl-${context.id}`,
    object: 'chat.completion.chunk',
    created: context.created,
    model: context.model,
    system_fingerprint: 'fp_sandbox',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(includeUsage ? { usage: null } : {}),
  });
  if (turn.kind === 'text') {
    stream.send(chunk({ role: 'assistant', content: '', refusal: null }));
    for (const [index, delta] of splitDeltas(turn.text).entries()) {
      if (index > 0 && !(await stream.pause())) return;
      stream.send(chunk({ content: delta }));
    }
  } else {
    stream.send(
      chunk({
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            index: 0,
            id: context.callId,
            type: 'function',
            function: { name: turn.name, arguments: '' },
          },
        ],
      }),
    );
    for (const piece of splitArguments(turn.arguments)) {
      if (!(await stream.pause())) return;
      stream.send(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }));
    }
  }
  stream.send(chunk({}, turn.kind === 'text' ? 'stop' : 'tool_calls'));
  if (includeUsage) {
    stream.send({
      id: `chatcmpl-${context.id}`,
      object: 'chat.completion.chunk',
      created: context.created,
      model: context.model,
      system_fingerprint: 'fp_sandbox',
      choices: [],
      usage: chatUsage(context, turn),
    });
  }
  stream.send('[DONE]');
  stream.end();
}

function chatUsage(context: TurnContext, turn: ModelTurn) {
  const completion = outputTokens(turn);
  return {
    prompt_tokens: context.inputTokens,
    completion_tokens: completion,
    total_tokens: context.inputTokens + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
  };
}

/** Output tokens, counted as the stand-in streams them (words or argument chunks). */
export function outputTokens(turn: ModelTurn): number {
  return turn.kind === 'text'
    ? splitDeltas(turn.text).length
    : splitArguments(turn.arguments).length;
}
