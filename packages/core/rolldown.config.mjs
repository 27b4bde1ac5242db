// The package ships its JavaScript as a few ES module bundles (docs/decisions/
// 0003, 0069). Node resolves, reads and links every file of a package one by
// one, and in a fresh process that costs more than resolving credentials, so
// each entry point is one file plus what it loads on demand:
//
//   dist/credentials.js      `@rolecall/core/credentials`: the default chain's
//                            own code (env, the chain, its cache, the errors)
//   dist/chunks/profile.js   the shared-config provider, loaded when the chain
//                            reaches the profile step
//   dist/chunks/providers.js web identity, container, IMDS, credential_process,
//                            loaded when the chain gets that far
//   dist/index.js            the package root: everything in one file
//
// The modules of dist/credentials.js hold classes and process-wide state (the
// credentials cache), so every other bundle imports them from there instead of
// carrying a copy. Other modules may be inlined into several bundles: they are
// stateless. tsc emits the declarations; third-party dependencies stay external
// and load on first use.
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const THIRD_PARTY = [/^node:/, /^undici(\/|$)/, /^aws4(\/|$)/, /^fast-xml-parser(\/|$)/];
const src = (path) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

// The static graph of src/credentialsEntry.ts. A module added to that graph
// must be listed here, or another bundle would carry a second copy of it
// (test/bundle-layout.test.ts checks the bundles for copies).
const SHARED = [
  'credentialsEntry.ts',
  'credentials.ts',
  'config/Env.ts',
  'errors.ts',
  'time/clock.ts',
  'random/random.ts',
  'credentials/Credentials.ts',
  'credentials/chain.ts',
  'credentials/memoize.ts',
  'credentials/fromEnv.ts',
  'credentials/fromStatic.ts',
  'credentials/defaultCredentials.ts',
  'credentials/profileShortcuts.ts',
  'config/loadSharedConfig.ts',
  'config/readBoundedFile.ts',
  'config/parseProfileFile.ts',
].map(src);

// Modules a bundle leaves to another file, loaded with import() on first use.
const PROVIDERS = ['credentials/fromWebIdentity.ts', 'credentials/fromContainer.ts', 'credentials/fromInstanceMetadata.ts', 'credentials/fromProcess.ts', 'credentials/stsForCredentials.ts', 'imds/createImdsClient.ts'].map(src);

/**
 * One single-file bundle. `elsewhere` maps a module to the dist file that holds
 * it; the shared modules are always elsewhere (in credentials.js) except in
 * credentials.js itself.
 */
function bundle(input, file, elsewhere) {
  const home = new Map(file === 'credentials.js' ? [] : SHARED.map((id) => [id, 'credentials.js']));
  for (const [id, where] of elsewhere) home.set(id, where);
  const from = dirname(file);
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
        const where = home.get(id);
        if (where === undefined) return id;
        const path = relative(from, where);
        return path.startsWith('.') ? path : `./${path}`;
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
