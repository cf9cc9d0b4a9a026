// Starts the built demo, with a clear message instead of a stack trace when a build is missing.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const missing = [];
if (!existsSync(new URL('./dist/main.js', import.meta.url))) missing.push('examples/demo');
for (const name of ['@adstract/client', '@adstract/ai-sdk', '@adstract/sandbox']) {
  try {
    const entry = new URL('dist/index.js', `file://${require.resolve(`${name}/package.json`)}`);
    if (!existsSync(entry)) missing.push(name);
  } catch {
    missing.push(name);
  }
}
if (missing.length > 0) {
  console.error(
    `demo: not built yet (${missing.join(', ')}). Run \`npx -y pnpm@10.34.8 install --frozen-lockfile && npx -y pnpm@10.34.8 demo\` from the repository root; it builds before it runs.`,
  );
  process.exit(1);
}
await import('./dist/main.js');
