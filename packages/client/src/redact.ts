/** What replaces a private value. */
export const REDACTED = '[redacted]';

/**
 * Replaces every occurrence of each secret in `text` with `[redacted]`, longest secret first (so
 * a secret that contains another is redacted whole). Empty secrets are ignored.
 */
export function redact(text: string, secrets: readonly string[]): string {
  const ordered = [...new Set(secrets)]
    .filter((secret) => secret !== '')
    .sort((first, second) => second.length - first.length);
  let result = text;
  for (const secret of ordered) result = result.replaceAll(secret, REDACTED);
  return result;
}
