import {
  AdResponseNotFoundError,
  Adstract,
  AuthenticationError,
  DuplicateAcknowledgmentError,
  DuplicateAdRequestError,
  NoFillError,
  PromptRejectedError,
  UnsuccessfulAdResponseError,
} from '@adstract/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseAdInstruction } from '../ad-instruction.js';
import { type Sandbox, startSandbox } from './start-sandbox.js';

const KEY = 'adpk_sandbox_test_key';
const USER_IP = '203.0.113.77';
let sandbox: Sandbox;
const lines: string[] = [];
let session = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ logger: (line) => lines.push(line) });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const startBody = (prompt: string, extra: Record<string, unknown> = {}) => ({
  prompt,
  request_context: { session_id: `session-${++session}`, user_agent: 'vitest', user_ip: USER_IP },
  ...extra,
});

async function post(
  path: 'start' | 'acknowledge',
  body: unknown,
  options: { key?: string | undefined; raw?: string } = {},
) {
  const key = 'key' in options ? options.key : KEY;
  const raw = options.raw;
  const response = await fetch(`${sandbox.url}/api/ad-injection/${path}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(key === undefined ? {} : { 'X-Adstract-API-Key': key }),
    },
    body: raw ?? JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
}

const fill = async (prompt = 'How can I improve user retention?', key = KEY) => {
  const started = await post('start', startBody(prompt), { key });
  expect(started.status).toBe(200);
  return String(started.body.ad_response_id);
};

describe('start', () => {
  it('200: fills a keyword prompt with an enhanced prompt and the product', async () => {
    const { status, body } = await post('start', startBody('How can I improve user retention?'));
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      success: true,
      product_name: 'Acme Analytics',
      ad_request_id: expect.any(String),
      ad_response_id: expect.any(String),
      execution_time_ms: expect.any(Number),
    });
    const enhanced = String(body.enhanced_prompt);
    expect(enhanced.startsWith('How can I improve user retention?\n\n---\n')).toBe(true);
    expect(parseAdInstruction(enhanced)).toMatchObject({
      productName: 'Acme Analytics',
      wrappingType: 'xml',
    });
    expect(enhanced).toContain('<ADS>');
  });

  it('200: asks for the wrapping the request configures', async () => {
    for (const wrapping of ['plain', 'markdown'] as const) {
      const { body } = await post(
        'start',
        startBody('Plan a trip to Lisbon', { request_configuration: { wrapping_type: wrapping } }),
      );
      expect(body.product_name).toBe('Wayfarer Travel');
      expect(parseAdInstruction(String(body.enhanced_prompt))?.wrappingType).toBe(wrapping);
    }
  });

  it('201: rejects sensitive prompts, 202: no fill without a keyword', async () => {
    const rejected = await post('start', startBody('What is the diagnosis for my symptoms?'));
    expect(rejected).toEqual({
      status: 201,
      body: expect.objectContaining({
        status: 'rejected',
        success: false,
        enhanced_prompt: null,
        product_name: null,
      }),
    });
    const noFill = await post('start', startBody('What is 2 + 2?'));
    expect(noFill).toEqual({
      status: 202,
      body: expect.objectContaining({ status: 'no_fill', success: false, enhanced_prompt: null }),
    });
  });

  it('builds the enhanced prompt from the prompt without its [sandbox:…] markers', async () => {
    const { status, body } = await post(
      'start',
      startBody('[sandbox:fill] What is 2 + 2? [sandbox:fault=ack=latency=1]'),
    );
    expect(status).toBe(200);
    const enhanced = String(body.enhanced_prompt);
    expect(enhanced.startsWith('What is 2 + 2?\n\n---\n')).toBe(true);
    expect(enhanced).not.toContain('sandbox:');
    expect(parseAdInstruction(enhanced)).toBeDefined();
  });

  it('lets [sandbox:…] markers force the outcome', async () => {
    expect((await post('start', startBody('What is 2 + 2? [sandbox:fill]'))).status).toBe(200);
    expect((await post('start', startBody('User retention [sandbox:no_fill]'))).status).toBe(202);
    expect((await post('start', startBody('User retention [sandbox:rejected]'))).status).toBe(201);
    const typo = await post('start', startBody('User retention [sandbox:fil]'));
    expect(typo.status).toBe(400);
    expect(typo.body).toMatchObject({ code: 'invalid_sandbox_fault' });
  });

  it.each([
    ['bad format', 'sk_not_an_adstract_key', 400, 'invalid_api_key_format'],
    ['missing', undefined, 401, 'not_authenticated'],
    ['unknown', 'adpk_unknown_key_123', 401, 'invalid_api_key'],
    ['revoked', 'adpk_revoked_key_123', 403, 'api_key_revoked'],
  ])('%s key → %i on both endpoints', async (_name, key, status, code) => {
    const started = await post('start', startBody('How can I improve user retention?'), { key });
    expect(started).toEqual({ status, body: { detail: expect.any(String), code } });
    const acknowledged = await post(
      'acknowledge',
      { ad_response_id: 'x', llm_response: '' },
      { key },
    );
    expect(acknowledged).toEqual({ status, body: { detail: expect.any(String), code } });
  });

  it('400: invalid JSON, and field-level errors for an invalid body', async () => {
    expect(await post('start', undefined, { raw: '{"prompt": ' })).toMatchObject({
      status: 400,
      body: { code: 'parse_error' },
    });
    const invalid = await post('start', {
      prompt: '',
      request_context: { session_id: 's', user_agent: 'ua' },
      optional_context: { country: 'pt', age: 200 },
    });
    expect(invalid).toEqual({
      status: 400,
      body: {
        detail: 'Invalid request body.',
        code: 'invalid_request',
        errors: {
          prompt: ['May not be blank.'],
          'request_context.user_ip': ['This field is required.'],
          'optional_context.country': [
            'Must be an ISO 3166-1 alpha-2 code: exactly 2 uppercase letters.',
          ],
          'optional_context.age': ['Must be an integer from 0 to 120.'],
        },
      },
    });
  });

  it('409: the same message (session + prompt) asks only once', async () => {
    const body = startBody('How can I improve user retention?');
    expect((await post('start', body)).status).toBe(200);
    expect(await post('start', body)).toMatchObject({
      status: 409,
      body: { code: 'duplicate_ad_request' },
    });
    expect((await post('start', { ...body, prompt: 'And my churn?' })).status).toBe(200);
    const noFill = startBody('What is 2 + 2?');
    expect((await post('start', noFill)).status).toBe(202);
    expect((await post('start', noFill)).status).toBe(409);
  });
});

describe('acknowledge', () => {
  it('200 ok when the answer carries the product, no_ad_used otherwise', async () => {
    const first = await fill();
    expect(
      await post('acknowledge', {
        ad_response_id: first,
        llm_response: 'Try this. <ADS>Acme Analytics: see who churns.</ADS>',
      }),
    ).toEqual({
      status: 200,
      body: { ad_ack_id: expect.any(String), status: 'ok', success: true },
    });
    const second = await fill('How do I reduce churn?');
    expect(
      await post('acknowledge', { ad_response_id: second, llm_response: 'No ad here.' }),
    ).toEqual({
      status: 200,
      body: { ad_ack_id: expect.any(String), status: 'no_ad_used', success: true },
    });
  });

  it('404 unknown id, 406 not a 200 enhancement, 409 twice, 403 another key', async () => {
    expect(
      await post('acknowledge', { ad_response_id: 'no-such-id', llm_response: 'x' }),
    ).toMatchObject({ status: 404, body: { code: 'ad_response_not_found' } });

    const noFill = await post('start', startBody('What is 2 + 2?'));
    expect(
      await post('acknowledge', { ad_response_id: noFill.body.ad_response_id, llm_response: '4' }),
    ).toMatchObject({ status: 406, body: { code: 'ad_response_not_successful' } });
    const rejected = await post('start', startBody('A medical question'));
    expect(
      (
        await post('acknowledge', {
          ad_response_id: rejected.body.ad_response_id,
          llm_response: '',
        })
      ).status,
    ).toBe(406);

    const id = await fill();
    expect(
      await post(
        'acknowledge',
        { ad_response_id: id, llm_response: 'x' },
        { key: 'adpk_another_platform' },
      ),
    ).toMatchObject({ status: 403, body: { code: 'ad_response_forbidden' } });
    expect((await post('acknowledge', { ad_response_id: id, llm_response: 'x' })).status).toBe(200);
    expect(await post('acknowledge', { ad_response_id: id, llm_response: 'x' })).toMatchObject({
      status: 409,
      body: { code: 'already_acknowledged' },
    });
  });

  it('400: field-level errors', async () => {
    expect(await post('acknowledge', { ad_response_id: '', llm_response: 3 })).toEqual({
      status: 400,
      body: {
        detail: 'Invalid request body.',
        code: 'invalid_request',
        errors: { ad_response_id: ['May not be blank.'], llm_response: ['Must be a string.'] },
      },
    });
  });
});

describe('routing, recording, logging, reset', () => {
  it('answers 404 for other paths (hinting at the trailing slash) and 405 for other methods', async () => {
    const noSlash = await fetch(`${sandbox.url}/api/ad-injection/start`, { method: 'POST' });
    expect(noSlash.status).toBe(404);
    expect(await noSlash.json()).toMatchObject({
      detail: expect.stringContaining('end with a slash'),
    });
    const get = await fetch(`${sandbox.url}/api/ad-injection/start/`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    await get.body?.cancel();
  });

  it('records each request with its body and answer, and reset() forgets requests and ads', async () => {
    const id = await fill();
    const [recorded] = sandbox.requests;
    expect(recorded).toMatchObject({
      method: 'POST',
      path: '/api/ad-injection/start/',
      status: 200,
      outcome: 'ok "Acme Analytics"',
      body: { prompt: 'How can I improve user retention?' },
      responseBody: { ad_response_id: id },
      faults: [],
    });
    expect(recorded?.headers['x-adstract-api-key']).toBe(KEY);
    sandbox.reset();
    expect(sandbox.requests).toEqual([]);
    expect((await post('acknowledge', { ad_response_id: id, llm_response: 'x' })).status).toBe(404);
  });

  it('logs one line per request without the API key or the user IP', async () => {
    lines.length = 0;
    const id = await fill();
    await post('acknowledge', { ad_response_id: id, llm_response: 'Acme Analytics!' });
    await post('start', startBody('x'), { key: 'adpk_revoked_secret' });
    expect(lines).toEqual([
      expect.stringMatching(/^POST \/api\/ad-injection\/start\/ 200 \d+ms ok "Acme Analytics"$/),
      expect.stringMatching(/^POST \/api\/ad-injection\/acknowledge\/ 200 \d+ms ok$/),
      expect.stringMatching(/^POST \/api\/ad-injection\/start\/ 403 \d+ms revoked-key$/),
    ]);
    const all = lines.join('\n');
    expect(all).not.toContain(KEY);
    expect(all).not.toContain('adpk_revoked_secret');
    expect(all).not.toContain(USER_IP);
  });

  it('counts accepted and open connections', async () => {
    const before = sandbox.connections;
    await fill();
    expect(sandbox.connections).toBeGreaterThanOrEqual(before);
    expect(sandbox.openConnections).toBeGreaterThanOrEqual(0);
  });
});

describe('through @adstract/client', () => {
  const client = (apiKey = KEY) => new Adstract({ apiKey, baseURL: sandbox.url });
  const context = () => ({
    sessionId: `client-${++session}`,
    userAgent: 'vitest',
    userIp: USER_IP,
  });

  it('fills, then acknowledges ok', async () => {
    const adstract = client();
    const result = await adstract.requestAd({
      prompt: 'How can I improve user retention?',
      context: context(),
      optionalContext: { country: 'PT', age: 30, gender: 'other', asn: 3243, city: 'Lisbon' },
    });
    expect(result.success).toBe(true);
    expect(result.adResponse?.productName).toBe('Acme Analytics');
    const ack = await adstract.acknowledge({
      enhancementResult: result,
      llmResponse: 'Use <ADS>Acme Analytics: it helps.</ADS>',
    });
    expect(ack).toMatchObject({ status: 'ok', success: true });
    expect(sandbox.requests[0]?.headers['x-adstract-sdk']).toBe('@adstract/client');
  });

  it('maps every status to the client error the contract names', async () => {
    const adstract = client();
    await expect(
      adstract.requestAd({ prompt: 'What is 2 + 2?', context: context() }),
    ).rejects.toBeInstanceOf(NoFillError);
    await expect(
      adstract.requestAd({ prompt: 'Self-harm help', context: context() }),
    ).rejects.toBeInstanceOf(PromptRejectedError);
    const same = context();
    await adstract.requestAd({ prompt: 'Analytics?', context: same });
    await expect(
      adstract.requestAd({ prompt: 'Analytics?', context: same }),
    ).rejects.toBeInstanceOf(DuplicateAdRequestError);
    await expect(
      client('adpk_revoked_client').requestAd({ prompt: 'Analytics?', context: context() }),
    ).rejects.toBeInstanceOf(AuthenticationError);
    await expect(
      adstract.acknowledge({ adResponseId: 'missing', llmResponse: '' }),
    ).rejects.toBeInstanceOf(AdResponseNotFoundError);
    const noFill = await adstract.requestAd({
      prompt: 'What is 2 + 2?',
      context: context(),
      raiseException: false,
    });
    await expect(
      adstract.acknowledge({ adResponseId: noFill.adResponse!.adResponseId, llmResponse: '4' }),
    ).rejects.toBeInstanceOf(UnsuccessfulAdResponseError);
    const filled = await adstract.requestAd({ prompt: 'Users?', context: context() });
    await adstract.acknowledge({ enhancementResult: filled, llmResponse: 'a' });
    await expect(
      adstract.acknowledge({ enhancementResult: filled, llmResponse: 'a' }),
    ).rejects.toBeInstanceOf(DuplicateAcknowledgmentError);
  });
});
