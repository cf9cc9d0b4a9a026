/** Reads an environment variable where one exists (Node, Bun, Deno with a process shim); edge-safe. */
export function readEnvironment(name: string): string | undefined {
  const processLike = (globalThis as { process?: { env?: Record<string, string | undefined> } })
    .process;
  const value = processLike?.env?.[name];
  return value === undefined || value === '' ? undefined : value;
}
