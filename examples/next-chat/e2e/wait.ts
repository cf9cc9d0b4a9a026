/** Polls `read` every 50 ms until it returns a value; throws naming `what` after `timeoutMs`. */
export async function waitFor<T>(
  read: () => T | undefined,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(50);
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
