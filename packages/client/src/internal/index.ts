/**
 * `@adstract/client/internal`: the validation kit the Adstract packages share (IP addresses,
 * option checks, input limits). Internal: not covered by semver, may change in any release.
 */
export { validateEndUserIp } from './end-user-ip.js';
export { findIpAddresses, type IpAddressMatch } from './find-ip-addresses.js';
export { INPUT_LIMITS } from './input-limits.js';
export {
  formatIpAddress,
  type IpAddress,
  MAX_IP_ADDRESS_LENGTH,
  normalizeIpAddress,
  type ParseIpAddressOptions,
  parseIpAddress,
  sameIpAddress,
} from './ip-address.js';
export {
  classifyIpAddress,
  type IpAddressKind,
  type IpAddressRange,
  isEndUserIpAddress,
} from './ip-address-range.js';
export {
  type Check,
  type ChecksOf,
  checkLength,
  codePointName,
  firstControlCharacter,
  invalid,
  isNonEmptyString,
  isRecord,
  MAX_TIMER_MS,
  type NumberRule,
  numberIn,
  objectOf,
  ofType,
  type TextRule,
  textIn,
  validateNumber,
} from './option-checks.js';
