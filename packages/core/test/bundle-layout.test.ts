/**
 * The shipped bundles (rolldown.config.mjs, docs/decisions/0069): each entry
 * point is one file plus what it loads on demand, and the modules that hold
 * classes and process-wide state exist once, in dist/credentials.js, whichever
 * entry a program imports. Reads the built dist/ (`npm run build` runs first).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DIST = new URL('../dist/', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, DIST), 'utf8');
const bundles = (): string[] => ['index.js', 'credentials.js', ...readdirSync(new URL('chunks/', DIST)).filter((f) => f.endsWith('.js')).map((f) => `chunks/${f}`)];

/** Static `import ... from "x"` specifiers at the top of a bundle. */
function staticImports(text: string): string[] {
  return [...text.matchAll(/^import\s[^;]*?from\s+"([^"]+)";?$/gm)].map((m) => m[1] ?? '');
}

describe('bundle layout', () => {
  it('the root and the credentials entry share one copy of the chain, its cache and the errors', async () => {
    const root = await import('@rolecall/core');
    const credentials = await import('@rolecall/core/credentials');
    expect(credentials.defaultCredentials).toBe(root.defaultCredentials);
    expect(credentials.CredentialsUnavailableError).toBe(root.CredentialsUnavailableError);
    expect(credentials.RolecallError).toBe(root.RolecallError);
    expect(credentials.memoize).toBe(root.memoize);
    // One process-wide cache: the same configuration gives the same provider through either entry.
    const env = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
    expect(credentials.defaultCredentials({ env })).toBe(root.defaultCredentials({ env }));
  });

  it('every bundle links (each name one imports from another is exported there)', async () => {
    for (const file of bundles()) await expect(import(new URL(file, DIST).href), file).resolves.toBeTypeOf('object');
  });

  it('dist/credentials.js is one file: no static import but node builtins', () => {
    expect(staticImports(read('credentials.js')).filter((s) => !s.startsWith('node:'))).toEqual([]);
  });

  it('the shared modules are defined in dist/credentials.js only', () => {
    const brand = 'Symbol.for("rolecall.core.error")';
    const owners = bundles().filter((file) => read(file).includes(brand) || /^function createChain\(/m.test(read(file)));
    expect(owners).toEqual(['credentials.js']);
  });

  it('the root and the chunks take the shared modules from dist/credentials.js', () => {
    expect(staticImports(read('index.js'))).toContain('./credentials.js');
    expect(staticImports(read('chunks/profile.js'))).toContain('../credentials.js');
  });
});
