// Tarball check of @adstract/react: in an empty npm project with React 19, installs the packed
// @adstract/client and @adstract/react beside react-markdown and Streamdown, type-checks every
// ```tsx example of the packed README (strict, NodeNext, jsx react-jsx), then renders each example
// component with react-dom/server and in a happy-dom DOM, for an answer of each wrapping type, and
// checks the label, the accessible name and the text. Call it from the tarball smoke test:
//   await checkReactApp({ packs, work, run })
// packs: a folder of packed .tgz files; work: an empty temporary folder; run(command, args, cwd):
// runs a command (throwing on failure) and returns its standard output.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createNpmProject } from './npm-project.mjs';

const root = resolve(import.meta.dirname, '../..');
const devDependencies = JSON.parse(
  readFileSync(join(root, 'packages/react/package.json'), 'utf8'),
).devDependencies;
/** The versions the package is developed and tested against. */
const THIRD_PARTY = [
  'react',
  'react-dom',
  '@types/react',
  '@types/react-dom',
  'react-markdown',
  'streamdown',
  'happy-dom',
];

/** What each README example component must show; a new example must be added here. */
const EXPECTED = {
  AssistantMessage: 'note',
  MarkdownAnswer: 'note',
  StreamdownAnswer: 'note',
  AdBadge: 'Includes a mention of Acme Analytics',
};

export async function checkReactApp({ packs, work, run }) {
  const tarball = (name) => {
    const file = readdirSync(packs).find((entry) => entry.startsWith(`adstract-${name}-`));
    if (!file) throw new Error(`no packed @adstract/${name} in ${packs}`);
    return join(packs, file);
  };
  const project = createNpmProject({
    dir: join(work, 'react-app'),
    name: 'react-app-smoke',
    packages: [
      tarball('client'),
      tarball('react'),
      ...THIRD_PARTY.map((name) => `${name}@${devDependencies[name]}`),
    ],
  });

  // The README as published: every tsx block is a module of its own.
  const readme = readFileSync(join(project, 'node_modules/@adstract/react/README.md'), 'utf8');
  const examples = [...readme.matchAll(/```tsx\n([\s\S]*?)```/g)].map((match) => match[1]);
  if (examples.length < 4) throw new Error(`expected 4 tsx examples, found ${examples.length}`);
  mkdirSync(join(project, 'examples'));
  const files = examples.map((code, index) => {
    const file = `examples/example-${index + 1}.tsx`;
    writeFileSync(join(project, file), code);
    return file;
  });
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noUncheckedIndexedAccess: true,
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2022',
        jsx: 'react-jsx',
        outDir: 'build',
        rootDir: '.',
        skipLibCheck: false,
        types: [],
      },
      files,
    }),
  );
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], project);

  writeFileSync(join(project, 'render.mjs'), RENDER);
  const report = run(process.execPath, ['render.mjs', JSON.stringify(EXPECTED)], project);
  return String(report).trim();
}

// Renders every exported component of the compiled examples, on the server and in a DOM.
const RENDER = `import { readdirSync } from 'node:fs';
import { Window } from 'happy-dom';
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';

const expected = JSON.parse(process.argv[2]);
const mention = 'Acme Analytics: see why users churn.';
const answers = {
  xml: 'Track cohorts weekly. <ADS>' + mention + '</ADS> Good luck!',
  plain: 'Track cohorts weekly. Sponsored: ' + mention + ' ˼ Good luck!',
  markdown: 'Track cohorts weekly.\\n\\n> **Sponsored:** ' + mention + '\\n\\nGood luck!',
};
const window = new Window();
Object.assign(globalThis, { window, document: window.document });
const fail = (message) => { throw new Error(message); };
const checked = [];

for (const file of readdirSync('build/examples').filter((name) => name.endsWith('.js'))) {
  const module = await import('./build/examples/' + file);
  for (const [name, component] of Object.entries(module)) {
    if (typeof component !== 'function') continue;
    const expectation = expected[name] ?? fail(file + ' exports ' + name + ', which the smoke test does not know');
    for (const [wrapping, text] of Object.entries(answers)) {
      const props = {
        text,
        streaming: false,
        productName: 'Acme Analytics',
        message: { id: 'm1', metadata: { adstract: { status: 'filled', productName: 'Acme Analytics' } } },
      };
      const where = name + ' (' + wrapping + ')';
      const html = renderToString(createElement(component, props)).replace(/<!-- -->/g, '');
      const container = document.createElement('div');
      document.body.append(container);
      const root = createRoot(container);
      flushSync(() => root.render(createElement(component, props)));
      if (expectation === 'note') {
        for (const [side, markup] of [['server', html], ['DOM', container.innerHTML]]) {
          if (!markup.includes('aria-label="Sponsored: Acme Analytics"')) fail(where + ', ' + side + ': no accessible name');
          if (!/<span class="adstract-sponsored-label">Sponsored<\\/span>/.test(markup)) fail(where + ', ' + side + ': no label');
          if (/&lt;\\/?ADS/i.test(markup)) fail(where + ', ' + side + ': an <ADS> tag is shown');
        }
        if (/<\\/?ADS>|Sponsored:|˼|\\*\\*/i.test(container.textContent)) fail(where + ': a marker is shown');
        const note = container.querySelector('[role="note"]') ?? fail(where + ': no role="note" in the DOM');
        if (!note.textContent.replace(/\\s+/g, ' ').includes(mention)) fail(where + ': the mention is not in the note');
        const all = container.textContent.replace(/\\s+/g, ' ');
        if (!all.includes('Track cohorts weekly.') || !all.includes('Good luck!')) fail(where + ': text around the mention is missing');
      } else if (!html.includes(expectation) || !container.textContent.includes(expectation)) {
        fail(where + ': expected ' + JSON.stringify(expectation));
      }
      root.unmount();
      container.remove();
      checked.push(where);
    }
  }
}
for (const name of Object.keys(expected)) {
  if (!checked.some((entry) => entry.startsWith(name + ' '))) fail('the README has no example exporting ' + name);
}
console.log('react app: rendered ' + checked.length + ' example renders on the server and in the DOM');
`;
