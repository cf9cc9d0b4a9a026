/** Replaced at build time (tsup, vitest `define`) by package.json's version. */
declare const __PACKAGE_VERSION__: string;

/** This package's version, sent to Adstract as SDK diagnostics. */
export const VERSION: string = __PACKAGE_VERSION__;

/** This package's name, sent to Adstract as SDK diagnostics. */
export const SDK_NAME = '@adstract/ai-sdk';
