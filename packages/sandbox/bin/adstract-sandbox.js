#!/usr/bin/env node
// Runs the built CLI. In a repository checkout that has not been built yet, says so in one line
// instead of Node's ERR_MODULE_NOT_FOUND stack trace.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write(
    'adstract-sandbox: the CLI is not built (dist/cli.js is missing): run the build first: npx -y pnpm@10.34.8 build\n',
  );
  process.exit(1);
}
await import(cli.href);
