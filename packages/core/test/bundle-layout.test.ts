/**
 * The shipped bundles (rolldown.config.mjs, docs/decisions/0069): each entry
 * point is one file plus what it loads on demand, and the modules that hold
 * classes and process-wide state exist once, in dist/credentials.js, whichever
 * entry a program imports. Reads the built dist/ (`npm run build` runs first).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

  // docs/decisions/0077: the chain answers a static-key profile itself. Proven
  // on a copy of dist/ without the profile chunk: static keys still resolve, a
  // role_arn profile (which needs the provider) does not.
  it('a profile with static keys resolves without chunks/profile.js', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-dist-'));
    try {
      await cp(new URL('.', DIST), join(dir, 'dist'), { recursive: true });
      await rm(join(dir, 'dist', 'chunks', 'profile.js'));
      await mkdir(join(dir, 'home', '.aws'), { recursive: true });
      await writeFile(join(dir, 'home', '.aws', 'config'), '[profile app]\nrole_arn = arn:aws:iam::123456789012:role/App\nsource_profile = dev\n');
      await writeFile(join(dir, 'home', '.aws', 'credentials'), '[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
      const copy = (await import(pathToFileURL(join(dir, 'dist', 'credentials.js')).href)) as typeof import('@rolecall/core/credentials');
      const options = { homeDir: join(dir, 'home'), shared: false, deadlineMs: 60_000 };
      await expect(copy.defaultCredentials({ ...options, env: { AWS_PROFILE: 'dev', AWS_EC2_METADATA_DISABLED: 'true' } })()).resolves.toMatchObject({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', source: 'profile' });
      await expect(copy.defaultCredentials({ ...options, env: { AWS_PROFILE: 'app', AWS_EC2_METADATA_DISABLED: 'true' } })()).rejects.toThrow(/profile\.js/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
