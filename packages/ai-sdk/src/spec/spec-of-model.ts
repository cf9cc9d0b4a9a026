import type { WrappedModel } from './language-model.js';
import type { SpecAdapter } from './spec-adapter.js';
import { specV2 } from './v2.js';
import { specV3 } from './v3.js';
import { specV4 } from './v4.js';

const ADAPTERS: Readonly<Record<string, SpecAdapter>> = { v2: specV2, v3: specV3, v4: specV4 };

/**
 * The adapter for the spec the wrapped model follows, read from its `specificationVersion` (what
 * `wrapLanguageModel` hands the middleware: ai@5 gives V2 models, ai@6 V3, ai@7 V4). Undefined for a
 * spec this package does not know: the middleware then leaves the call alone.
 */
export function specOfModel(model: WrappedModel | undefined): SpecAdapter | undefined {
  const version = model?.specificationVersion;
  return typeof version === 'string' && Object.hasOwn(ADAPTERS, version)
    ? ADAPTERS[version]
    : undefined;
}
