/** How the LLM is told to wrap ad content (mirrors the Adstract contract). */
export type WrappingType = 'xml' | 'plain' | 'markdown';

/** Every accepted wrapping type. */
export const WRAPPING_TYPES: readonly WrappingType[] = ['xml', 'plain', 'markdown'];
