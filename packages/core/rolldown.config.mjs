// The package ships as one ES module file (docs/decisions/0003-bundle-core.md):
// Node resolves, reads and links every file of a many-file package one by one,
// and for the core that cost more than the work of resolving credentials.
// tsc still emits the declarations; rolldown emits the JavaScript.
const external = [/^node:/, /^undici(\/|$)/, /^aws4(\/|$)/, /^fast-xml-parser(\/|$)/];

export default {
  input: { index: 'src/index.ts' },
  platform: 'node',
  external,
  output: {
    dir: 'dist',
    format: 'esm',
    sourcemap: true,
    entryFileNames: '[name].js',
    // Our own lazy imports are cheap once bundled (V8 parses functions lazily);
    // one file (no code splitting) keeps the import to one resolve/read/link. Third-party
    // dependencies stay external and are still loaded on first use.
    codeSplitting: false,
  },
};
