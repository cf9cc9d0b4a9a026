export {
  type AdInstruction,
  buildAdInstruction,
  buildEnhancedPrompt,
  parseAdInstruction,
  renderSponsoredMention,
  stripAdInstruction,
} from './ad-instruction.js';
export type { LoggerOption } from './http/logger.js';
export type { ModelRequest } from './model/handle-model-request.js';
export {
  type FailNextOptions,
  type ModelStandIn,
  type ModelStandInOptions,
  startModelStandIn,
} from './model/start-model-stand-in.js';
export type { AdDelivery } from './sandbox/ad-ledger.js';
export { PRODUCTS, type Product, SENSITIVE_WORDS } from './sandbox/catalog.js';
export {
  FaultSyntaxError,
  type FaultTarget,
  parseFaults,
  type SandboxFault,
  type SandboxFaultName,
  type SandboxFaultSpec,
  type TargetedFault,
} from './sandbox/fault.js';
export { ACKNOWLEDGE_PATH, START_PATH } from './sandbox/handle-request.js';
export type { AdLedgerSummary, IssuedAd } from './sandbox/issued-ads.js';
export {
  DEFAULT_RANDOM_RATES,
  type RandomFaultOptions,
  type RandomFaultRates,
} from './sandbox/random-faults.js';
export type { RecordedRequest } from './sandbox/recorded-request.js';
export type { SandboxErrorBody } from './sandbox/reply.js';
export { type Sandbox, type SandboxOptions, startSandbox } from './sandbox/start-sandbox.js';
export { WRAPPING_TYPES, type WrappingType } from './wrapping-type.js';
