import { adstractMiddleware } from '@adstract/ai-sdk';
import { startSandbox } from '@adstract/sandbox';
import { streamText, wrapLanguageModel } from 'ai';
import { answerParts, callContext, mockModel, PROMPT } from './stream-throughput.ts';

export interface ConnectionsResult {
  requests: number;
  /** HTTP requests the sandbox received (a start and an acknowledge per request). */
  httpRequests: number;
  /** TCP connections the sandbox accepted. */
  connections: number;
}

/**
 * 1e: TCP connections that a fresh middleware opens to a freshly started sandbox for `requests`
 * sequential requests, each a start and an acknowledge (the model is a local mock, so the sandbox
 * sees only the middleware's traffic). Keep-alive works when this is a handful, not 2 per request.
 */
export async function connections(requests: number): Promise<ConnectionsResult> {
  const sandbox = await startSandbox({ logger: false });
  try {
    let failures = 0;
    const middleware = adstractMiddleware({
      apiKey: 'adpk_sandbox_bench_key',
      baseURL: sandbox.url,
      onError: () => {
        failures++;
      },
    });
    const model = wrapLanguageModel({ model: mockModel(answerParts(20)), middleware });
    const before = sandbox.connections;
    for (let index = 0; index < requests; index++) {
      const result = streamText({ model, prompt: PROMPT, providerOptions: callContext() });
      await result.consumeStream();
    }
    await middleware.flush();
    const httpRequests = sandbox.requests.length;
    if (failures > 0 || httpRequests !== 2 * requests) {
      throw new Error(`1e: ${failures} errors, ${httpRequests} requests for ${requests} answers`);
    }
    return { requests, httpRequests, connections: sandbox.connections - before };
  } finally {
    await sandbox.close();
  }
}
