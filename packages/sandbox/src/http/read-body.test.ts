import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from './listen.js';
import { BodyTooLargeError, readBody } from './read-body.js';

const server = createServer((request, response) => {
  readBody(request, 16).then(
    (text) => response.end(`ok:${text}`),
    (error: unknown) => response.end(error instanceof BodyTooLargeError ? 'too large' : 'failed'),
  );
});
let url = '';
beforeAll(async () => {
  url = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('readBody', () => {
  it('reads UTF-8 text up to the limit', async () => {
    const response = await fetch(url, { method: 'POST', body: 'héllo' });
    expect(await response.text()).toBe('ok:héllo');
    expect(await (await fetch(url)).text()).toBe('ok:');
  });

  it('rejects a body past the limit', async () => {
    const response = await fetch(url, { method: 'POST', body: 'x'.repeat(100) });
    expect(await response.text()).toBe('too large');
  });
});
