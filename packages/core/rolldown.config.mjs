// The package ships its JavaScript as a few ES module bundles, because Node
// resolves, reads and links every file of a package one by one, and in a fresh
// process that costs more than resolving credentials (docs/decisions/0069,
// 0125; bench/credentials.bench.mjs). Each entry point is one file plus what it
// loads on demand:
//
//   dist/credentials.js      `@rolecall/core/credentials`: the chain's own code
//   dist/chunks/profile.js   the shared-config provider, on the profile step
//   dist/chunks/providers.js web identity, container, IMDS, credential_process
//   dist/index.js            the package root: everything in one file
//
// The modules of dist/credentials.js hold classes and process-wide state (the
// credentials cache), so the other bundles import them from there instead of
// carrying a copy. tsc emits the declarations; third-party packages stay
// external and load on first use.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const THIRD_PARTY = [/^node:/, /^undici(\/|$)/, /^aws4(\/|$)/, /^fast-xml-parser(\/|$)/];
const src = (path) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/** The modules a module imports statically (type-only imports and `import()` left out). */
const importsOf = (file) =>
  [...readFileSync(file, 'utf8').matchAll(/^(?:import|export) (?!type )[^;]*? from '(\.[^']+)\.js';$/gm)].map(([, spec]) => join(dirname(file), `${spec}.ts`));

function staticGraph(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const id of importsOf(file)) staticGraph(id, seen);
  return seen;
}

// The static graph of src/credentialsEntry.ts lives in dist/credentials.js
// only (test/bundle-layout.test.ts checks the bundles for copies); the
// providers it loads on demand are the modules src/credentials/lazyProviders.ts
// re-exports.
const SHARED = staticGraph(src('credentialsEntry.ts'));
const PROVIDERS = importsOf(src('credentials/lazyProviders.ts'));

/** One single-file bundle; `elsewhere` maps a module to the dist file that holds it. */
function bundle(input, file, elsewhere) {
  const home = new Map(file === 'credentials.js' ? elsewhere : [...[...SHARED].map((id) => [id, 'credentials.js']), ...elsewhere]);
  return {
    input: src(input),
    platform: 'node',
    external: (id, _importer, isResolved) => THIRD_PARTY.some((pattern) => pattern.test(id)) || (isResolved === true && home.has(id)),
    output: {
      file: `dist/${file}`,
      format: 'esm',
      sourcemap: true,
      // The declarations carry the docs; compiling comments is wasted start-up time.
      comments: false,
      codeSplitting: false,
      paths: (id) => {
        const path = home.has(id) ? relative(dirname(file), home.get(id)) : id;
        return home.has(id) && !path.startsWith('.') ? `./${path}` : path;
      },
    },
  };
}

const toProviders = PROVIDERS.map((id) => [id, 'chunks/providers.js']);

export default [
  bundle('credentialsEntry.ts', 'credentials.js', [[src('credentials/fromProfile.ts'), 'chunks/profile.js'], ...toProviders]),
  bundle('credentials/fromProfile.ts', 'chunks/profile.js', toProviders),
  bundle('credentials/lazyProviders.ts', 'chunks/providers.js', []),
  bundle('index.ts', 'index.js', []),
];
