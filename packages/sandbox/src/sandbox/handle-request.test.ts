import { connect } from 'node:net';
import {
  Adstract,
  NetworkError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
} from '@adstract/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultSyntaxError } from './fault.js';
import type { RecordedRequest } from './recorded-request.js';
import { type Sandbox, startSandbox } from './start-sandbox.js';

const KEY = 'adpk_sandbox_fault_key';
let sandbox: Sandbox;
let session = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ logger: false });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  sandbox.setFaults(undefined);
});

const context = () => ({
  sessionId: `faults-${++session}`,
  userAgent: 'vitest',
  userIp: '192.0.2.1',
});
const client = (timeoutMs = 5_000) =>
  new Adstract({ apiKey: KEY, baseURL: sandbox.url, timeoutMs });

async function start(prompt: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${sandbox.url}/api/ad-injection/start/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Adstract-API-Key': KEY, ...headers },
    body: JSON.stringify({
      prompt,
      request_context: {
        session_id: `raw-${++session}`,
        user_agent: 'vitest',
        user_ip: '192.0.2.1',
      },
    }),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function acknowledge(adResponseId: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${sandbox.url}/api/ad-injection/acknowledge/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Adstract-API-Key': KEY, ...headers },
    body: JSON.stringify({ ad_response_id: adResponseId, llm_response: 'Acme Analytics rocks' }),
  });
  return { status: response.status, text: await response.text() };
}

const last = (): RecordedRequest => sandbox.requests.at(-1)!;

describe('faults by marker and header', () => {
  it('5xx: server-error, a bare status, and server-error=STATUS', async () => {
    const marker = await start('User retention [sandbox:fault=server-error]');
    expect(marker.status).toBe(500);
    expect(JSON.parse(marker.text)).toMatchObject({ code: 'sandbox_server_error' });
    expect(last()).toMatchObject({ status: 500, faults: ['server-error=500'] });
    expect((await start('User retention', { 'X-Sandbox-Fault': '503' })).status).toBe(503);
    expect((await start('Hi [sandbox:fault=server-error=502]')).status).toBe(502);
    await expect(
      client().requestAd({ prompt: 'Users [sandbox:fault=server-error]', context: context() }),
    ).rejects.toBeInstanceOf(ServerError);
  });

  it('leaves no state behind: the same message succeeds once the fault is gone', async () => {
    const headers = { 'X-Sandbox-Fault': 'server-error' };
    const body = JSON.stringify({
      prompt: 'User retention',
      request_context: { session_id: 'retry-me', user_agent: 'vitest', user_ip: '192.0.2.1' },
    });
    const send = (extra: Record<string, string>) =>
      fetch(`${sandbox.url}/api/ad-injection/start/`, {
        method: 'POST',
        headers: { 'X-Adstract-API-Key': KEY, ...extra },
        body,
      }).then((response) => response.status);
    expect(await send(headers)).toBe(500);
    expect(await send({})).toBe(200);
    expect(await send({})).toBe(409);
  });

  it('429 with Retry-After: rate-limit and rate-limit=SECONDS', async () => {
    const limited = await start('Users', { 'X-Sandbox-Fault': 'rate-limit=3' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    const error = await client()
      .requestAd({ prompt: 'Users [sandbox:fault=rate-limit]', context: context() })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(1_000);
  });

  it('malformed JSON and wrong-shape JSON, both with 200', async () => {
    const malformed = await start('Users', { 'X-Sandbox-Fault': 'malformed' });
    expect(malformed.status).toBe(200);
    expect(() => JSON.parse(malformed.text)).toThrow();
    expect(last().responseBody).toBe(malformed.text);
    const shape = await start('Users [sandbox:fault=shape]');
    expect(shape.status).toBe(200);
    expect(JSON.parse(shape.text)).not.toHaveProperty('ad_response_id');
    for (const fault of ['malformed', 'shape']) {
      await expect(
        client().requestAd({ prompt: `Users [sandbox:fault=${fault}]`, context: context() }),
      ).rejects.toBeInstanceOf(UnexpectedResponseError);
    }
  });

  it('latency=MS delays the answer', async () => {
    const started = performance.now();
    expect((await start('Users', { 'X-Sandbox-Fault': 'latency=150' })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(last()).toMatchObject({ faults: ['latency=150'], durationMs: expect.any(Number) });
    expect(last().durationMs).toBeGreaterThanOrEqual(140);
  });

  it('hang: never answers; the client times out and the request stays unanswered', async () => {
    const error = await client(200)
      .requestAd({ prompt: 'Users [sandbox:fault=hang]', context: context() })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).reason).toBe('timeout');
    expect(last()).toMatchObject({ status: undefined, outcome: 'fault', faults: ['hang'] });
  });

  it('a client that leaves during latency gets nothing processed', async () => {
    const error = await client(100)
      .requestAd({ prompt: 'Users [sandbox:fault=latency=400]', context: context() })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    await expect.poll(() => last().outcome).toBe('client-closed');
    expect(last().status).toBeUndefined();
  });

  it('clears the status of an answer the client reset the connection without reading', async () => {
    const body = JSON.stringify({
      prompt: 'User retention',
      request_context: {
        session_id: `unread-${++session}`,
        user_agent: 'vitest',
        user_ip: '192.0.2.1',
      },
    });
    const { port } = new URL(sandbox.url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST /api/ad-injection/start/ HTTP/1.1\r\nHost: sandbox\r\nX-Adstract-API-Key: ${KEY}\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
        socket.pause(); // like a client whose timeout fires before it reads the answer
      });
      void expect
        .poll(() => last()?.status)
        .toBe(200)
        .then(() => {
          socket.destroy();
          resolve();
        });
    });
    await expect.poll(() => last().status).toBeUndefined();
    expect(last().outcome).toBe('unread 200: ok "Acme Analytics"');
    expect(last().responseBody).toMatchObject({ status: 'ok' });
  });

  it('failing acknowledge: ack=STATUS from the start marker, or a header on the acknowledge', async () => {
    const marked = JSON.parse((await start('Users [sandbox:fault=ack=500]')).text);
    expect(marked.ad_response_id).toBeTypeOf('string');
    expect((await acknowledge(marked.ad_response_id)).status).toBe(500);
    expect(last()).toMatchObject({ faults: ['server-error=500'] });

    const plain = JSON.parse((await start('Users')).text);
    expect((await acknowledge(plain.ad_response_id, { 'X-Sandbox-Fault': 'ack=502' })).status).toBe(
      502,
    );
    expect((await acknowledge(plain.ad_response_id, { 'X-Sandbox-Fault': '503' })).status).toBe(
      503,
    );
    const ok = await acknowledge(plain.ad_response_id);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toMatchObject({ status: 'ok' });
  });

  it('ack=recoverable-error: 201 recoverable_error, then 409', async () => {
    const filled = JSON.parse((await start('Users [sandbox:fault=ack=recoverable-error]')).text);
    const first = await acknowledge(filled.ad_response_id);
    expect(first.status).toBe(201);
    expect(JSON.parse(first.text)).toEqual({
      ad_ack_id: expect.any(String),
      status: 'recoverable_error',
      success: false,
    });
    expect((await acknowledge(filled.ad_response_id)).status).toBe(409);
    const viaClient = new Adstract({ apiKey: KEY, baseURL: sandbox.url });
    const result = await viaClient.requestAd({
      prompt: 'Users [sandbox:fault=ack=201]',
      context: context(),
    });
    await expect(
      viaClient.acknowledge({ enhancementResult: result, llmResponse: 'text' }),
    ).resolves.toMatchObject({ status: 'recoverable_error', success: false });
  });

  it('400 for an invalid fault header', async () => {
    const invalid = await start('Users', { 'X-Sandbox-Fault': 'explode' });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.text)).toMatchObject({
      code: 'invalid_sandbox_fault',
      detail: expect.stringContaining('unknown fault'),
    });
  });
});

describe('server-wide faults', () => {
  it('applies option faults to every start, ack= faults to every acknowledge', async () => {
    sandbox.setFaults(['latency=20', 'ack=500']);
    const filled = await start('Users');
    expect(filled.status).toBe(200);
    expect(last().faults).toEqual(['latency=20']);
    expect((await acknowledge(JSON.parse(filled.text).ad_response_id)).status).toBe(500);
    sandbox.setFaults('server-error');
    expect((await start('Users')).status).toBe(500);
    sandbox.setFaults(undefined);
    expect((await start('Users')).status).toBe(200);
  });

  it('refuses a bad fault list at start and in setFaults', async () => {
    await expect(startSandbox({ logger: false, faults: 'nope' })).rejects.toBeInstanceOf(
      FaultSyntaxError,
    );
    expect(() => sandbox.setFaults(['latency=soon'])).toThrow(FaultSyntaxError);
  });

  it('close() ends hung requests and leaves no connection open', async () => {
    const hanging = await startSandbox({ logger: false, faults: 'hang' });
    const pending = fetch(`${hanging.url}/api/ad-injection/start/`, {
      method: 'POST',
      headers: { 'X-Adstract-API-Key': KEY },
      body: '{}',
    }).catch((error: unknown) => error);
    await expect.poll(() => hanging.requests.length).toBe(1);
    expect(hanging.openConnections).toBe(1);
    const started = performance.now();
    await hanging.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(TypeError);
    expect(hanging.openConnections).toBe(0);
    await hanging.close();
  });
});

describe('seeded random mode', () => {
  const rates = {
    latency: 0.3,
    maxLatencyMs: 30,
    serverError: 0.15,
    rateLimit: 0.15,
    malformed: 0.2,
    hang: 0.1,
    ackFailure: 0.2,
  };

  /** Runs 60 concurrent start + acknowledge pairs, and returns each session's statuses. */
  async function run(seed: number) {
    const random = await startSandbox({ logger: false, random: { seed, rates } });
    try {
      const adstract = new Adstract({ apiKey: KEY, baseURL: random.url, timeoutMs: 1_000 });
      await Promise.all(
        Array.from({ length: 60 }, async (_, index) => {
          const result = await adstract.requestAd({
            prompt: `Question ${index}: how do I keep my users?`,
            context: { sessionId: `random-${index}`, userAgent: 'vitest', userIp: '192.0.2.1' },
            raiseException: false,
          });
          await adstract.acknowledge({
            enhancementResult: result,
            llmResponse: 'Acme Analytics',
            raiseException: false,
          });
        }),
      );
      const outcomes = new Map<string, string[]>();
      const sessionOf = new Map<string, string>();
      for (const request of random.requests) {
        const body = request.body as Record<string, unknown>;
        const session = request.path.includes('/start/')
          ? String((body.request_context as Record<string, unknown>).session_id)
          : (sessionOf.get(String(body.ad_response_id)) ?? 'unknown');
        const responseBody = request.responseBody as Record<string, unknown> | undefined;
        if (request.status === 200 && request.path.includes('/start/')) {
          sessionOf.set(String(responseBody?.ad_response_id), session);
        }
        outcomes.set(session, [
          ...(outcomes.get(session) ?? []),
          `${request.status ?? '---'} ${request.faults.join(' ')}`,
        ]);
      }
      return new Map([...outcomes].sort(([a], [b]) => a.localeCompare(b)));
    } finally {
      await random.close();
    }
  }

  it('gives the same outcomes for the same seed, whatever the arrival order', async () => {
    const [first, second, other] = await Promise.all([run(11), run(11), run(12)]);
    expect([...second]).toEqual([...first]);
    expect([...other]).not.toEqual([...first]);
    const statuses = [...first.values()].flat().map((outcome) => outcome.split(' ')[0]);
    for (const status of ['200', '500', '429', '---']) expect(statuses).toContain(status);
  });
});
