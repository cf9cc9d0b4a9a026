import { findIpAddresses } from './internal/find-ip-addresses.js';
import { type IpAddress, sameIpAddress } from './internal/ip-address.js';
import { REDACTED, redact } from './redact.js';

/** What no error may print: exact strings (the API key, the session id) and the end user's IP. */
export interface PrivateValues {
  /** Redacted as written, JSON-escaped and ASCII-escaped (`\u00e9`, as Python's JSON writes). */
  strings: readonly string[];
  /** Redacted in every spelling of the same address (see `findIpAddresses`). */
  ipAddress: IpAddress | undefined;
}

/** Text that holds none of `values`: each string, and every spelling of the IP, becomes `[redacted]`. */
export function redactPrivateValues(text: string, values: PrivateValues): string {
  const strings = values.strings.flatMap((value) => [value, value.trim(), ...escapedForms(value)]);
  const withoutStrings = redact(text, strings);
  return values.ipAddress === undefined
    ? withoutStrings
    : redactIpAddress(withoutStrings, values.ipAddress);
}

/** How a JSON answer may spell `value`: JSON-escaped, and with every non-ASCII character escaped. */
function escapedForms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const ascii = json.replace(
    /[\u0080-\uffff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return [json, ascii];
}

/** `text` with every spelling of `address` replaced by `[redacted]`. */
export function redactIpAddress(text: string, address: IpAddress): string {
  const found = findIpAddresses(text).filter((match) => sameIpAddress(match.address, address));
  if (found.length === 0) return text;
  let result = '';
  let position = 0;
  for (const match of found) {
    // Matches come in order of start; one that overlaps the last redaction only extends it.
    if (match.end <= position) continue;
    result += match.start >= position ? `${text.slice(position, match.start)}${REDACTED}` : '';
    position = match.end;
  }
  return result + text.slice(position);
}
