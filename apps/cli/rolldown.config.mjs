// The `rolecall` binary is one CommonJS file, dist/rolecall.cjs, with the
// core's source and the request path's packages (aws4, fast-xml-parser) inside
// it, compiled through a V8 code cache by dist/compileCache.cjs (decision
// 0076). A cold `rolecall whoami` is measured against a script using
// @aws-sdk/client-sts; in a fresh process every ES module file costs a read, a
// parse and a link, the ESM loader itself a few ms, and compiling what runs
// most of the rest. whoami, explain and imds need only the core and live in
// the bundle; mock, load and demo (servers, msw, the load harness) stay ES
// modules in dist/commands/, imported by bin/rolecall.js with @rolecall/core
// as the package, so one process never runs both copies of the core's code.
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const CORE_SRC = here('../../packages/core/src/');

const binary = {
  input: here('./src/bin.ts'),
  platform: 'node',
  resolve: {
    alias: { '@rolecall/core': `${CORE_SRC}index.ts` },
    // fast-xml-parser from its ES module sources (see src/bundle/thirdParty.ts).
    conditionNames: ['import', 'node', 'default'],
  },
  // undici loads only for an injected Dispatcher or the undici transport.
  external: [/^node:/, /^undici(\/|$)/],
  plugins: [
    {
      // The core loads aws4 and fast-xml-parser through one module; the
      // bundle puts its own loaders there (same exports, packages bundled).
      name: 'rolecall-third-party',
      resolveId(source, importer) {
        if (importer?.startsWith(CORE_SRC) && /(^|\/)thirdParty\.js$/.test(source)) return here('./src/bundle/thirdParty.ts');
        return null;
      },
    },
  ],
  output: {
    file: here('./dist/rolecall.cjs'),
    format: 'cjs',
    sourcemap: true,
    comments: false,
    codeSplitting: false,
    // A script compiled through node:vm cannot run import(): built-in
    // modules and undici load with require() instead.
    dynamicImportInCjs: false,
  },
};

const compileCache = {
  input: here('./src/compileCache.ts'),
  platform: 'node',
  external: [/^node:/],
  output: { file: here('./dist/compileCache.cjs'), format: 'cjs', sourcemap: true, comments: false },
};

export default [binary, compileCache];
