import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Counts a server's TCP connections and can end them all. */
export interface ConnectionTracker {
  /** Connections accepted since the server started. */
  readonly accepted: number;
  /** Connections open right now. */
  readonly open: number;
  /** Destroys every open connection (hung requests included). */
  destroyAll(): void;
}

/** Starts tracking the connections of `server` (call before it listens). */
export function trackConnections(server: Server): ConnectionTracker {
  const sockets = new Set<Socket>();
  let accepted = 0;
  server.on('connection', (socket: Socket) => {
    accepted++;
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.once('close', () => sockets.delete(socket));
  });
  return {
    get accepted() {
      return accepted;
    },
    get open() {
      return sockets.size;
    },
    destroyAll() {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
  };
}
