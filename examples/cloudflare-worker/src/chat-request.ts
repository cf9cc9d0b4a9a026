/** What the Worker's one route takes: `POST /` with `{ "prompt": "...", "sessionId": "..." }`. */
export interface ChatRequest {
  prompt: string;
  sessionId: string;
}

/** Reads the chat request, or returns the 4xx response that says what is wrong with it. */
export async function readChatRequest(request: Request): Promise<ChatRequest | Response> {
  if (request.method !== 'POST') {
    return new Response('POST a JSON body: { "prompt": "...", "sessionId": "..." }\n', {
      status: 405,
      headers: { allow: 'POST' },
    });
  }
  const body: unknown = await request.json().catch(() => undefined);
  if (typeof body !== 'object' || body === null)
    return badRequest('the body must be a JSON object');
  const { prompt, sessionId } = body as Record<string, unknown>;
  if (typeof prompt !== 'string' || prompt === '')
    return badRequest('prompt must be a non-empty string');
  if (typeof sessionId !== 'string' || sessionId === '') {
    return badRequest('sessionId must be a non-empty string');
  }
  return { prompt, sessionId };
}

function badRequest(message: string): Response {
  return new Response(`${message}\n`, { status: 400 });
}
