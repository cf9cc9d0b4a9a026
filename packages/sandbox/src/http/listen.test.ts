import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { baseUrl, listen } from './listen.js';

describe('listen', () => {
  it('resolves the bound port, and rejects with EADDRINUSE for a taken port', async () => {
    const first = createServer();
    const second = createServer();
    try {
      const port = await listen(first, 0, '127.0.0.1');
      expect(port).toBeGreaterThan(0);
      await expect(listen(second, port, '127.0.0.1')).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
    } finally {
      first.close();
    }
  });
});

describe('baseUrl', () => {
  it('reaches wildcard hosts through loopback and brackets IPv6', () => {
    expect(baseUrl('127.0.0.1', 4010)).toBe('http://127.0.0.1:4010');
    expect(baseUrl('0.0.0.0', 4010)).toBe('http://127.0.0.1:4010');
    expect(baseUrl('::', 4010)).toBe('http://[::1]:4010');
    expect(baseUrl('localhost', 80)).toBe('http://localhost:80');
  });
});
