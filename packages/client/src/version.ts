/** Replaced by package.json's version at build time (tsup `define`; vitest defines it too). */
declare const __PACKAGE_VERSION__: string;

/** This package's version, sent to Adstract as SDK diagnostics: package.json's, read at build time. */
export const VERSION: string = __PACKAGE_VERSION__;

/** This package's name, the default SDK identity. */
export const SDK_NAME = '@adstract/client';
