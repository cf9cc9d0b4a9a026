import type { ModelStandIn } from '@adstract/sandbox';

/**
 * The whole answer the stand-in gives to the last model request the app made: the same request
 * body sent again, uninterrupted and not streamed (the stand-in answers deterministically).
 */
export async function uninterruptedAnswer(standIn: ModelStandIn): Promise<string> {
  const request = standIn.requests.findLast((candidate) => candidate.status === 200);
  if (request === undefined) throw new Error('the app sent no model request');
  const response = await fetch(new URL(request.path.replace(/^\/v1\//, ''), `${standIn.url}/`), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer stand-in' },
    body: JSON.stringify({ ...(request.body as object), stream: false }),
  });
  const body = (await response.json()) as {
    output?: Array<{ content?: Array<{ type: string; text?: string }> }>;
    choices?: Array<{ message?: { content?: string } }>;
  };
  const text =
    body.choices?.[0]?.message?.content ??
    body.output
      ?.flatMap((item) => item.content ?? [])
      .filter((part) => part.type === 'output_text')
      .map((part) => part.text ?? '')
      .join('');
  if (text === undefined || text === '') throw new Error('the stand-in gave no text');
  return text;
}
