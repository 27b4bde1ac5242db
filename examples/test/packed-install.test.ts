// The packages as a user installs them: `npm pack` every public workspace,
// `npm install` the tarballs into a scratch project in a temp directory
// outside the repository (no workspace links, no repo node_modules above it),
// then use them from ESM, from CommonJS, from strict NodeNext TypeScript and
// through the `rolecall` binary. Each step runs in a fresh process.
import { copyFile, lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, type Run } from './support/run.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./packed/', import.meta.url));
/** Install from npm's cache where it can (the registry is only asked for what is missing). */
const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'];
/** What a tarball may hold: the build, the binary's launcher, and the package's own documents. */
const SHIPPED = /^(package\.json|README\.md|LICENSE|NOTICE|index\.cjs|dist\/.+|bin\/.+)$/;
const NOT_SHIPPED = /(\.test\.|\/test\/|testContext|fixtures?\/|\.env|\.npmrc|\.pem$|\.tsbuildinfo$)/;

interface PackResult {
  readonly name: string;
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

interface Workspace {
  readonly dir: string;
  readonly name: string;
  /** What `exports["."]` points at (and its types, when it names them), without the leading `./`. */
  readonly entry: readonly string[];
}

type Exports = string | { readonly types?: string; readonly default?: string; readonly import?: string; readonly require?: string };

function entryFiles(exports: Record<string, Exports> | undefined): string[] {
  const root = exports?.['.'];
  const targets = root === undefined ? [] : typeof root === 'string' ? [root] : [root.types, root.default ?? root.import ?? root.require];
  return targets.filter((t): t is string => t !== undefined).map((t) => t.replace(/^\.\//, ''));
}

let scratch: string;
let project: string;
let packed: readonly PackResult[];
let publicWorkspaces: readonly Workspace[];
const env = (): Record<string, string> => ({ HOME: process.env['HOME'] ?? '' });
/**
 * npm and npx get the user's environment (CA bundles, proxies, NPM_CONFIG_*:
 * without them npm waits out registry retries for minutes before using its
 * cache; examples/turbo.json passes them through turbo), minus the lowercase
 * npm_* variables that the `npm test` running this file set (its prefix, its
 * package) and that would point npm back at the repository.
 */
const npmEnv = (): Record<string, string> =>
  Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('npm_') && e[0] !== 'INIT_CWD'));

function assertRan(result: Run, what: string): void {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}:\n${result.stderr}${result.stdout}`);
}

/** Every workspace of the root package.json that is not private. */
async function findPublicWorkspaces(): Promise<Workspace[]> {
  const root = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
  const dirs: string[] = [];
  for (const pattern of root.workspaces) {
    if (pattern.endsWith('/*')) {
      const parent = pattern.slice(0, -2);
      for (const entry of await readdir(join(ROOT, parent), { withFileTypes: true })) if (entry.isDirectory()) dirs.push(`${parent}/${entry.name}`);
    } else dirs.push(pattern);
  }
  const found: Workspace[] = [];
  for (const dir of dirs) {
    const pkg = JSON.parse(await readFile(join(ROOT, dir, 'package.json'), 'utf8')) as { name: string; private?: boolean; exports?: Record<string, Exports> };
    if (pkg.private !== true) found.push({ dir, name: pkg.name, entry: entryFiles(pkg.exports) });
  }
  return found;
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'rolecall-packed-'));
  const tarballs = join(scratch, 'tarballs');
  project = join(scratch, 'project');
  publicWorkspaces = await findPublicWorkspaces();
  await mkdir(tarballs);
  await mkdir(project);
  const pack = await run('npm', ['pack', '--json', '--loglevel=error', '--pack-destination', tarballs, ...publicWorkspaces.flatMap((w) => ['-w', w.dir])], { cwd: ROOT, env: npmEnv() });
  assertRan(pack, 'npm pack');
  packed = JSON.parse(pack.stdout) as PackResult[];

  await writeFile(join(project, 'package.json'), `${JSON.stringify({ name: 'rolecall-packed-user', private: true, type: 'module' }, null, 2)}\n`);
  for (const file of await readdir(FIXTURES)) await copyFile(join(FIXTURES, file), join(project, file));
  // The compiler and Node's types at the versions the repository builds with.
  const dev = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies;
  const install = await run('npm', ['install', ...NPM_FLAGS, ...packed.map((p) => join(tarballs, p.filename)), `typescript@${dev['typescript']}`, `@types/node@${dev['@types/node']}`], { cwd: project, env: npmEnv() });
  assertRan(install, 'npm install of the tarballs');
}, 180_000);

afterAll(async () => {
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

describe('packed install', () => {
  it('packs every public workspace, each tarball holding its build and nothing of the tests', () => {
    expect(packed.map((p) => p.name).sort()).toEqual(publicWorkspaces.map((w) => w.name).sort());
    expect(publicWorkspaces.map((w) => w.name)).toEqual(expect.arrayContaining(['@rolecall/core', '@rolecall/mock-aws', '@rolecall/cli']));
    for (const p of packed) {
      const paths = p.files.map((f) => f.path);
      const entry = publicWorkspaces.find((w) => w.name === p.name)?.entry ?? [];
      expect(entry, p.name).not.toEqual([]);
      for (const file of entry) expect(paths, p.name).toContain(file);
      expect(paths.filter((path) => !SHIPPED.test(path) || NOT_SHIPPED.test(path)), p.name).toEqual([]);
    }
  });

  it('installs them as copies, not links into the repository', async () => {
    const kinds = await Promise.all(packed.map(async (p) => `${p.name}:${(await lstat(join(project, 'node_modules', p.name))).isDirectory() ? 'dir' : 'link'}`));
    expect(kinds).toEqual(packed.map((p) => `${p.name}:dir`));
  });

  it('works from ESM: every entry point imports and a signed call answers', async () => {
    const result = await run(process.execPath, ['esm.mjs'], { cwd: project, env: env() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ Arn: 'arn:aws:iam::123456789012:user/alice', entries: ['function', 'function', true] });
  });

  it('works from CommonJS through require()', async () => {
    const result = await run(process.execPath, ['cjs.cjs'], { cwd: project, env: env() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ Arn: 'arn:aws:iam::123456789012:user/alice', entries: ['function', 'function', true] });
  });

  it('type-checks a strict NodeNext TypeScript user (ESM and CommonJS files) with tsc --noEmit', async () => {
    const result = await run('npx', ['--no', '--', 'tsc', '-p', 'tsconfig.json'], { cwd: project, env: npmEnv() });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('npx rolecall --help runs the installed binary', async () => {
    const result = await run('npx', ['--no', '--', 'rolecall', '--help'], { cwd: project, env: npmEnv() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: rolecall <command>/);
  });
});
