/** `true` logs to stdout, `false` is silent, a function receives each line. */
export type LoggerOption = boolean | ((line: string) => void);

/** Turns a logger option into a line writer, or undefined when logging is off. */
export function resolveLogger(
  option: LoggerOption | undefined,
  defaultOn: boolean,
  prefix: string,
): ((line: string) => void) | undefined {
  if (typeof option === 'function') return option;
  if (option ?? defaultOn) return (line) => process.stdout.write(`${prefix} ${line}\n`);
  return undefined;
}
