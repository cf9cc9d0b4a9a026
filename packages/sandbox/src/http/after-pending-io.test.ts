import { createServer } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { afterPendingIo } from './after-pending-io.js';
import { listen } from './listen.js';

/** Blocks the event loop, so bytes and the close land in the kernel before the server reads them. */
const block = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy wait
  }
};

describe('afterPendingIo', () => {
  it('lets the server see a client that closed right after sending its request', async () => {
    const seen = new Promise<boolean>((resolve, reject) => {
      const server = createServer((request) => {
        request.resume();
        request.on('end', () => {
          afterPendingIo().then(() => {
            resolve(request.socket.destroyed);
            server.close();
          }, reject);
        });
      });
      listen(server, 0, '127.0.0.1').then((port) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}');
          block(30);
          socket.destroy();
          block(30);
        });
      }, reject);
    });
    expect(await seen).toBe(true);
  });
});
