import { AdSDKError } from '@adstract/client';
import { SetupError } from './setup-error.js';

/** Turns set-up failures into one clear sentence instead of a stack trace. */
export function describeStartupError(error: unknown): string {
  if (error instanceof SetupError) return error.message;
  if (AdSDKError.isInstance(error)) {
    return `${error.name}: ${error.message}. Check ADSTRACT_API_KEY / ADSTRACT_BASE_URL, or unset them to use the local sandbox.`;
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return 'a local port is already in use; the demo picks free ports, so another process may be holding one. Try again.';
  }
  if (code === 'ERR_MODULE_NOT_FOUND') {
    return 'a package is not built. Run the README install command, then `npx -y pnpm@10.34.8 demo` (it builds first).';
  }
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
