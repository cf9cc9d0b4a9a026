/** This package's version, sent to Adstract as SDK diagnostics. Kept equal to package.json by a test. */
export const VERSION = '0.1.0';

/** This package's name, sent to Adstract as SDK diagnostics. */
export const SDK_NAME = '@adstract/ai-sdk';
