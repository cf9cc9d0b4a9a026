import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from './start-sandbox.js';

const KEY = 'adpk_sandbox_test_key';
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

const startBody = (prompt = 'How can I improve user retention?') => ({
  prompt,
  request_context: { session_id: `session-${++session}`, user_agent: 'vitest', user_ip: '::1' },
});

/** Posts JSON; resolves the status and parsed body, or the error the client saw. */
async function post(
  path: 'start' | 'acknowledge',
  body: unknown,
  timeoutMs = 2_000,
): Promise<{ status: number; body: Record<string, unknown> } | { error: Error }> {
  try {
    const response = await fetch(`${sandbox.url}/api/ad-injection/${path}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Adstract-API-Key': KEY },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  } catch (error) {
    return { error: error as Error };
  }
}

const acknowledge = (adResponseId: string, timeoutMs?: number) =>
  post(
    'acknowledge',
    { ad_response_id: adResponseId, llm_response: 'Acme Analytics helps.' },
    timeoutMs,
  );

/** Sends a start over a raw socket and closes it without reading the answer (a reset). */
function startUnread(): Promise<void> {
  const body = JSON.stringify(startBody());
  return new Promise((resolve) => {
    const socket = connect(sandbox.port, '127.0.0.1', () => {
      socket.pause();
      socket.write(
        `POST /api/ad-injection/start/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Adstract-API-Key: ${KEY}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 100);
    });
  });
}

describe('accounting of issued ads', () => {
  it('counts every 200, delivered or not, and how often each was acknowledged', async () => {
    const delivered = await post('start', startBody());
    const twice = await post('start', startBody());
    await post('start', startBody('What is 2 + 2?')); // 202: not an issued ad
    if (!('status' in delivered) || !('status' in twice)) throw new Error('start failed');
    const deliveredId = String(delivered.body.ad_response_id);
    const twiceId = String(twice.body.ad_response_id);
    expect(await acknowledge(deliveredId)).toMatchObject({ status: 200 });
    expect(await acknowledge(twiceId)).toMatchObject({ status: 200 });
    expect(await acknowledge(twiceId)).toMatchObject({ status: 409 });

    sandbox.setFaults('slow=300');
    expect(await post('start', startBody(), 50)).toMatchObject({
      error: { name: 'TimeoutError' },
    });
    sandbox.setFaults(undefined);
    await startUnread();
    await expect
      .poll(() => sandbox.ads().map((ad) => ad.delivery))
      .toEqual(['sent', 'sent', 'not-sent', 'unread']);

    const ads = sandbox.ads();
    expect(ads.map((ad) => ad.acknowledgements)).toEqual([1, 2, 0, 0]);
    expect(ads[0]).toEqual({
      adResponseId: deliveredId,
      productName: 'Acme Analytics',
      requestId: sandbox.requests[0]?.id,
      delivery: 'sent',
      acknowledgements: 1,
      faultedAcknowledges: 0,
    });
    const summary = sandbox.ledgerSummary();
    expect(summary).toEqual({
      issued: 4,
      delivered: 2,
      acknowledged: 2,
      acknowledgedMoreThanOnce: 1,
      orphaned: [ads[2]?.adResponseId, ads[3]?.adResponseId],
      orphanedDelivered: [],
      orphanedUndelivered: [ads[2]?.adResponseId, ads[3]?.adResponseId],
    });
    expect(sandbox.requests.map((request) => request.outcome)).toEqual([
      'ok "Acme Analytics"',
      'ok "Acme Analytics"',
      'no_fill',
      'ok',
      'ok',
      'duplicate',
      'unsent 200: ok "Acme Analytics"',
      'unread 200: ok "Acme Analytics"',
    ]);

    sandbox.reset();
    expect(sandbox.ledgerSummary()).toMatchObject({ issued: 0, orphaned: [] });
  });

  it('counts acknowledges a fault answered apart from processed ones', async () => {
    const started = await post('start', startBody());
    if (!('status' in started)) throw started.error;
    const id = String(started.body.ad_response_id);
    sandbox.setFaults('ack=503');
    expect(await acknowledge(id)).toMatchObject({ status: 503 });
    expect(await acknowledge(id)).toMatchObject({ status: 503 });
    expect(sandbox.ledgerSummary().orphanedDelivered).toEqual([id]);
    sandbox.setFaults(undefined);
    expect(await acknowledge(id)).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(sandbox.ads()).toMatchObject([{ acknowledgements: 1, faultedAcknowledges: 2 }]);
    expect(sandbox.ledgerSummary()).toMatchObject({ issued: 1, acknowledged: 1, orphaned: [] });
  });
  it('counts an acknowledge processed during a slow fault though its client gave up', async () => {
    const started = await post('start', startBody());
    if (!('status' in started)) throw started.error;
    sandbox.setFaults('ack=slow=300');
    const id = String(started.body.ad_response_id);
    expect(await acknowledge(id, 50)).toMatchObject({ error: { name: 'TimeoutError' } });
    expect(sandbox.ads()).toMatchObject([{ acknowledgements: 1 }]);
    await expect.poll(() => sandbox.requests[1]?.outcome).toBe('unsent 200: ok');
    sandbox.setFaults(undefined);
    expect(await acknowledge(id)).toMatchObject({ status: 409 });
    expect(sandbox.ledgerSummary()).toMatchObject({ acknowledged: 1, acknowledgedMoreThanOnce: 1 });
  });
});

describe('outage faults, switched at run time', () => {
  it('slow: answers a real 200 late, which the client that waits acknowledges', async () => {
    sandbox.setFaults('slow=150');
    const started = performance.now();
    const answer = await post('start', startBody());
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    if (!('status' in answer)) throw answer.error;
    expect(answer).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(sandbox.requests[0]?.faults).toEqual(['slow=150']);
    sandbox.setFaults(undefined);
    expect(await acknowledge(String(answer.body.ad_response_id))).toMatchObject({ status: 200 });
  });

  it('hang: never answers until the client gives up; clearing the faults recovers', async () => {
    sandbox.setFaults('hang');
    expect(await post('start', startBody(), 100)).toMatchObject({
      error: { name: 'TimeoutError' },
    });
    sandbox.setFaults(undefined);
    expect(await post('start', startBody())).toMatchObject({ status: 200 });
    expect(sandbox.ledgerSummary().issued).toBe(1);
  });

  it('reset: the connection is reset (RST) without an answer, and nothing is issued', async () => {
    sandbox.setFaults('reset');
    const answer = await post('start', startBody());
    expect(answer).toMatchObject({ error: { name: 'TypeError' } });
    expect(JSON.stringify((answer as { error: Error }).error.cause)).toContain('ECONNRESET');
    expect(sandbox.requests[0]).toMatchObject({ status: undefined, outcome: 'fault' });
    expect(sandbox.ledgerSummary().issued).toBe(0);
    sandbox.setFaults(undefined);
    expect(await post('start', startBody())).toMatchObject({ status: 200 });
  });

  it('5xx on start, and 5xx on every acknowledge, until the faults are cleared', async () => {
    sandbox.setFaults(['server-error=502', 'ack=500']);
    expect(await post('start', startBody())).toMatchObject({ status: 502 });
    sandbox.setFaults('ack=500');
    const started = await post('start', startBody());
    if (!('status' in started)) throw started.error;
    const id = String(started.body.ad_response_id);
    expect(await acknowledge(id)).toMatchObject({ status: 500 });
    sandbox.setFaults(undefined);
    expect(await acknowledge(id)).toMatchObject({ status: 200 });
  });

  it('connection refused: refuseConnections() until acceptConnections() on the same port', async () => {
    const port = sandbox.port;
    sandbox.setFaults('slow=5000');
    const inFlight = post('start', startBody());
    await expect.poll(() => sandbox.ads().length).toBe(1);
    await sandbox.refuseConnections();
    expect(sandbox.listening).toBe(false);
    expect(await inFlight).toMatchObject({ error: { name: 'TypeError' } });
    sandbox.setFaults(undefined);
    const refused = await post('start', startBody());
    expect(JSON.stringify((refused as { error: Error }).error.cause)).toContain('ECONNREFUSED');
    await sandbox.acceptConnections();
    expect(sandbox.listening).toBe(true);
    expect(sandbox.port).toBe(port);
    expect(await post('start', startBody())).toMatchObject({ status: 200 });
    expect(sandbox.ads().map((ad) => ad.delivery)).toEqual(['not-sent', 'sent']);
    expect(sandbox.requests[0]?.outcome).toBe('unsent 200: ok "Acme Analytics"');
  });

  it('refuses to switch connections on after close()', async () => {
    const closed = await startSandbox({ logger: false });
    await closed.close();
    await expect(closed.acceptConnections()).rejects.toThrow('closed');
    expect(closed.listening).toBe(false);
  });
});
