// The React 18 project: every `react` / `react-dom` that a dependency requires or imports (React
// Testing Library, react-markdown, Streamdown) resolves to the npm-aliased React 18 packages. pnpm
// links the aliased react-dom 18 to the workspace's React 19 (its peer), so Vite's aliases alone
// would mix two Reacts; Node's module hooks redirect the packages loaded outside Vite too.
import { registerHooks } from 'node:module';

const REDIRECTS: Array<[string, string]> = [
  ['react-dom', 'react-dom-18'],
  ['react', 'react-18'],
];

registerHooks({
  resolve(specifier, context, nextResolve) {
    for (const [name, alias] of REDIRECTS) {
      if (specifier === name || specifier.startsWith(`${name}/`)) {
        return nextResolve(alias + specifier.slice(name.length), {
          ...context,
          parentURL: import.meta.url,
        });
      }
    }
    return nextResolve(specifier, context);
  },
});
