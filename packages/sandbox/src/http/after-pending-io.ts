/**
 * Resolves after the event loop has run one more I/O poll phase (two `setImmediate` turns). A
 * socket whose client closed while its request waited to be read reports that close in the poll
 * phase after the one that delivered the request, so checking after this sees it.
 */
export function afterPendingIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
