export {
  type AcknowledgeParams,
  Adstract,
  type AdstractOptions,
  type EnhancementResult,
  type RequestAdParams,
} from './adstract.js';
export * from './errors/index.js';
export * from './segments/index.js';
export * from './types.js';
export { validateOptionalContext, validateRequestContext } from './validation.js';
export { SDK_NAME, VERSION } from './version.js';
