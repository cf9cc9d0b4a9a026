import { afterEach, describe, expect, it, vi } from 'vitest';
import { Adstract } from './adstract.js';
import { AuthenticationError, NoFillError, ServerError } from './errors/index.js';
import { scriptedFetch } from './testing/scripted-fetch.js';
import { SDK_NAME, VERSION } from './version.js';

// Runs in vitest's edge-runtime environment (@edge-runtime/vm): Web APIs only, no nock.
const apiKey = 'adpk_edge_test_0123456789';
const context = { sessionId: 'edge-session', userAgent: 'Mozilla/5.0', userIp: '203.0.113.9' };
const okBody = {
  ad_request_id: 'request-1',
  ad_response_id: 'response-1',
  status: 'ok',
  success: true,
  execution_time_ms: 12,
  enhanced_prompt: 'ENHANCED prompt',
  product_name: 'Product',
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('edge runtime', () => {
  it('really runs in the edge runtime', () => {
    expect((globalThis as { EdgeRuntime?: unknown }).EdgeRuntime).toBeTypeOf('string');
  });

  it('requests an ad and acknowledges it through an injected fetch', async () => {
    const { fetch, requests } = scriptedFetch(
      [200, okBody],
      [200, { ad_ack_id: 'ack-1', status: 'ok', success: true }],
    );
    const adstract = new Adstract({ apiKey, fetch });

    const result = await adstract.requestAd({ prompt: 'hello', context });
    expect(result).toMatchObject({ prompt: 'ENHANCED prompt', success: true });
    const acknowledgment = await adstract.acknowledge({
      enhancementResult: result,
      llmResponse: 'answer',
    });
    expect(acknowledgment).toEqual({
      adAckId: 'ack-1',
      status: 'ok',
      success: true,
      httpStatus: 200,
    });

    expect(requests.map((request) => request.url)).toEqual([
      'https://api.adstract.ai/api/ad-injection/start/',
      'https://api.adstract.ai/api/ad-injection/acknowledge/',
    ]);
    for (const request of requests) {
      expect(request.headers.get('x-adstract-api-key')).toBe(apiKey);
      expect(request.headers.get('content-type')).toBe('application/json');
      expect(request.headers.get('x-adstract-sdk')).toBe(SDK_NAME);
      expect(request.headers.get('x-adstract-sdk-version')).toBe(VERSION);
    }
    expect(requests[0]?.body).toMatchObject({
      prompt: 'hello',
      request_context: {
        session_id: 'edge-session',
        user_agent: 'Mozilla/5.0',
        user_ip: '203.0.113.9',
      },
    });
    expect(requests[1]?.body).toMatchObject({
      ad_response_id: 'response-1',
      llm_response: 'answer',
    });
  });

  it('uses the global fetch when none is injected', async () => {
    const { fetch, requests } = scriptedFetch([200, okBody]);
    vi.stubGlobal('fetch', fetch);
    const result = await new Adstract({ apiKey }).requestAd({ prompt: 'hello', context });
    expect(result.success).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it('maps statuses to error classes', async () => {
    const { fetch } = scriptedFetch(
      [401, { detail: 'Invalid API key' }],
      [
        202,
        { ...okBody, status: 'no_fill', success: false, enhanced_prompt: null, product_name: null },
      ],
      [500, 'Internal'],
    );
    const adstract = new Adstract({ apiKey, fetch });

    const authentication = await adstract
      .requestAd({ prompt: 'hello', context })
      .catch((error: unknown) => error);
    expect(AuthenticationError.isInstance(authentication)).toBe(true);
    expect(authentication).toMatchObject({ statusCode: 401 });

    const noFill = await adstract.requestAd({ prompt: 'hello', context, raiseException: false });
    expect(noFill).toMatchObject({ prompt: 'hello', success: false });
    expect(NoFillError.isInstance(noFill.error)).toBe(true);

    const server = await adstract
      .acknowledge({ adResponseId: 'response-1', llmResponse: 'answer' })
      .catch((error: unknown) => error);
    expect(ServerError.isInstance(server)).toBe(true);
  });

  it('times out with NetworkError (timeout) and stops on abort', async () => {
    const { fetch } = scriptedFetch('hang');
    const adstract = new Adstract({ apiKey, fetch, timeoutMs: 20 });
    await expect(adstract.requestAd({ prompt: 'hello', context })).rejects.toMatchObject({
      name: 'NetworkError',
      reason: 'timeout',
    });
    await expect(
      adstract.requestAd({ prompt: 'hello', context, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'NetworkError', reason: 'aborted' });
  });

  it('redacts the key, the session id and every IP spelling here too', async () => {
    const secretContext = { ...context, userIp: '::ffff:203.0.113.9' };
    const thrower = async (): Promise<Response> => {
      throw new DOMException(`no route for ${apiKey} from 203.0.113.9`, 'NetworkError');
    };
    const network = (await new Adstract({ apiKey, fetch: thrower })
      .requestAd({ prompt: 'hello', context: secretContext })
      .catch((error: unknown) => error)) as Error;
    expect(network).toMatchObject({ name: 'NetworkError', reason: 'network' });
    expect(network.cause).toBeInstanceOf(DOMException);
    expect(network.cause).toMatchObject({
      name: 'NetworkError',
      message: 'no route for [redacted] from [redacted]',
    });
    expect(String((network.cause as Error).stack)).not.toContain(apiKey);

    const { fetch } = scriptedFetch([400, `bad: ::FFFF:CB00:7109 edge-session ${apiKey}`]);
    const answered = await new Adstract({ apiKey, fetch }).requestAd({
      prompt: 'hello',
      context: secretContext,
      raiseException: false,
    });
    expect(answered.error?.responseBody).toBe('bad: [redacted] [redacted] [redacted]');
  });
});
