import type { Socket } from 'node:net';

const watching = new WeakMap<Socket, () => void>();

/**
 * Calls `onUnread` if the client resets the connection before sending another request: a client
 * that closes with an answer still unread in its socket (its timeout fired first) resets the
 * connection, while one that read it closes cleanly or sends its next request.
 */
export function watchUnread(socket: Socket, onUnread: () => void): void {
  stopWatching(socket);
  const onClose = (hadError: boolean) => {
    watching.delete(socket);
    if (hadError) onUnread();
  };
  socket.once('close', onClose);
  watching.set(socket, () => {
    socket.off('close', onClose);
    watching.delete(socket);
  });
}

/** Stops watching a socket: its client sent another request, so it read the previous answer. */
export function stopWatching(socket: Socket): void {
  watching.get(socket)?.();
}
