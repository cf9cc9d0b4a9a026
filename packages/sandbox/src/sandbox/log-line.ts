/** What one log line says about a request. */
export interface LogEntry {
  method: string;
  path: string;
  status: number | undefined;
  durationMs: number;
  outcome: string;
  faults: readonly string[];
}

/**
 * Formats one request as a log line: method, path, status (`---` when none was sent), duration,
 * outcome and faults. Only these fields are printed: never headers (the API key) or bodies (the
 * end user's IP).
 */
export function formatLogLine(entry: LogEntry): string {
  const status = entry.status === undefined ? '---' : String(entry.status);
  const faults = entry.faults.length > 0 ? ` [${entry.faults.join(' ')}]` : '';
  return `${entry.method} ${entry.path} ${status} ${Math.round(entry.durationMs)}ms ${entry.outcome}${faults}`;
}
