/** True while any process of the group `groupId` is running. */
export function isGroupAlive(groupId: number): boolean {
  try {
    process.kill(-groupId, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until the group is gone; resolves false if it is still there after `timeoutMs`. */
export async function waitForGroupExit(groupId: number, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (isGroupAlive(groupId)) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/**
 * Sends SIGTERM to the group's leader alone (as a supervisor stopping one process does) or, with
 * `signalGroup`, to the whole group; waits until every process of the group has exited, SIGKILLs
 * what is left after `timeoutMs`, and resolves with the milliseconds from SIGTERM until the group
 * was gone.
 */
export async function stopGroup(
  groupId: number,
  options: { timeoutMs: number; signalGroup: boolean },
): Promise<number> {
  const sent = performance.now();
  if (!isGroupAlive(groupId)) return 0;
  process.kill(options.signalGroup ? -groupId : groupId, 'SIGTERM');
  const exited = await waitForGroupExit(groupId, options.timeoutMs);
  const elapsed = performance.now() - sent;
  if (!exited) process.kill(-groupId, 'SIGKILL');
  return elapsed;
}
