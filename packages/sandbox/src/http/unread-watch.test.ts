import { createServer } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from './listen.js';
import { stopWatching, watchUnread } from './unread-watch.js';

const unread: string[] = [];
const server = createServer((request, response) => {
  stopWatching(request.socket);
  request.resume();
  request.on('end', () => {
    response.end('answer');
    watchUnread(request.socket, () => unread.push(String(request.headers['x-name'])));
  });
});
server.on('clientError', (_error, socket) => socket.destroy());
let port = 0;
beforeAll(async () => {
  port = await listen(server, 0, '127.0.0.1');
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** Sends one request; `read` decides whether the client reads the answer before closing. */
function exchange(name: string, read: boolean, requests = 1): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      const request = `GET / HTTP/1.1\r\nHost: x\r\nx-name: ${name}\r\n\r\n`;
      socket.write(request);
      if (!read) {
        socket.pause();
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 100);
        return;
      }
      let answers = 0;
      socket.on('data', () => {
        answers++;
        if (answers < requests) socket.write(request);
        else {
          socket.end();
          resolve();
        }
      });
    });
  });
}

describe('watchUnread', () => {
  it('reports a client that resets the connection without reading the answer', async () => {
    await exchange('unread', false);
    await exchange('read', true);
    await exchange('read-twice', true, 2);
    await expect.poll(() => unread).toEqual(['unread']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(unread).toEqual(['unread']);
  });
});
