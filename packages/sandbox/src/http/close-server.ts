import type { Server } from 'node:http';
import type { ConnectionTracker } from './connection-tracker.js';

/**
 * Stops a server now: stops accepting, then destroys every connection, idle, streaming or hung,
 * so nothing keeps the process alive. Resolves once the server has closed.
 */
export function closeServer(server: Server, tracker: ConnectionTracker): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      tracker.destroyAll();
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
    tracker.destroyAll();
  });
}
