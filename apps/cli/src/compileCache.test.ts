import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileCacheDir, requireWithCompileCache } from './compileCache.js';

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'rolecall-compile-cache-'));
});
afterEach(async () => {
  await chmod(work, 0o700).catch(() => {});
  await rm(work, { recursive: true, force: true });
});

/** A CommonJS file with a function that only compiles when called (lazily). */
async function moduleFile(name: string, body = 'exports.twice = (n) => n * 2; exports.where = __filename; exports.req = typeof require;'): Promise<string> {
  const file = join(work, name);
  await writeFile(file, `'use strict';\n${body}\n`);
  return file;
}

/**
 * Runs the exit-time write at once, as the process's exit would. In one
 * process V8 serves a source it has compiled before from memory without
 * reading the cache bytes, so whether V8 accepts or rejects a cache is tested
 * across processes, in test/compileCache.test.ts.
 */
function load(file: string, env: Record<string, string | undefined>, workload = 'whoami') {
  const writes: (() => void)[] = [];
  const loaded = requireWithCompileCache(file, { env, workload, onExit: (write) => writes.push(write) });
  const exports = loaded.exports as { twice?: (n: number) => number };
  exports.twice?.(21);
  for (const write of writes) write();
  return { ...loaded, writes: writes.length };
}

describe('compileCacheDir', () => {
  it('lives under XDG_CACHE_HOME, else LOCALAPPDATA, else $HOME/.cache', () => {
    expect(compileCacheDir({ XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe(join('/x', 'rolecall', 'compile-cache'));
    expect(compileCacheDir({ LOCALAPPDATA: '/l', HOME: '/h' })).toBe(join('/l', 'rolecall', 'compile-cache'));
    expect(compileCacheDir({ HOME: '/h' })).toBe(join('/h', '.cache', 'rolecall', 'compile-cache'));
    expect(compileCacheDir({ XDG_CACHE_HOME: '', HOME: '/h' })).toBe(join('/h', '.cache', 'rolecall', 'compile-cache'));
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE (as in Node 22) or without a home', () => {
    expect(compileCacheDir({ HOME: '/h', NODE_DISABLE_COMPILE_CACHE: '1' })).toBeUndefined();
    expect(compileCacheDir({ HOME: '/h', NODE_DISABLE_COMPILE_CACHE: 'true' })).toBeUndefined();
    expect(compileCacheDir({ HOME: '/h', NODE_DISABLE_COMPILE_CACHE: '0' })).toBeDefined();
    expect(compileCacheDir({})).toBeUndefined();
  });
});

describe('requireWithCompileCache', () => {
  it('loads a CommonJS file like require: exports, __filename, require', async () => {
    const file = await moduleFile('a.cjs');
    const { exports, cache } = load(file, { XDG_CACHE_HOME: join(work, 'cache') });
    expect(cache).toBe('miss');
    expect(exports).toMatchObject({ where: file, req: 'function' });
    expect((exports as { twice: (n: number) => number }).twice(4)).toBe(8);
  });

  it('writes the cache at exit and the next load uses it', async () => {
    const file = await moduleFile('a.cjs');
    const env = { XDG_CACHE_HOME: join(work, 'cache') };
    const first = load(file, env);
    expect(first).toMatchObject({ cache: 'miss', writes: 1 });
    const second = load(file, env);
    expect(second).toMatchObject({ cache: 'hit', writes: 0, cacheFile: first.cacheFile });
    expect((second.exports as { twice: (n: number) => number }).twice(5)).toBe(10);
  });

  it('keeps one cache per workload', async () => {
    const file = await moduleFile('a.cjs');
    const env = { XDG_CACHE_HOME: join(work, 'cache') };
    load(file, env, 'whoami');
    expect(load(file, env, 'explain').cache).toBe('miss');
    expect(load(file, env, 'whoami').cache).toBe('hit');
    expect(load(file, env, 'explain').cache).toBe('hit');
  });

  // V8 checks only the source's length: a rebuilt file of the same length must not run the old bytecode.
  it('a rebuilt file of the same length gets its own cache (V8 checks only the length)', async () => {
    const env = { XDG_CACHE_HOME: join(work, 'cache') };
    const file = await moduleFile('b.cjs', 'exports.twice = (n) => n * 2;');
    expect(load(file, env).cache).toBe('miss');
    await moduleFile('b.cjs', 'exports.twice = (n) => n * 3;');
    const rebuilt = load(file, env);
    expect(rebuilt.cache).toBe('miss');
    expect((rebuilt.exports as { twice: (n: number) => number }).twice(2)).toBe(6);
    // ... and the dead cache of the old build is gone.
    expect(await readdir(join(work, 'cache', 'rolecall', 'compile-cache'))).toEqual([rebuilt.cacheFile?.split('/').pop()]);
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE: nothing read, nothing written', async () => {
    const file = await moduleFile('a.cjs');
    const cacheHome = join(work, 'cache');
    const off = load(file, { XDG_CACHE_HOME: cacheHome, NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(off).toMatchObject({ cache: 'off', writes: 0, cacheFile: undefined });
    await expect(readdir(cacheHome)).rejects.toThrow();
  });

  it.skipIf(process.getuid?.() === 0)('an unwritable cache directory costs nothing but the cache', async () => {
    const file = await moduleFile('a.cjs');
    const cacheHome = join(work, 'readonly');
    await mkdir(cacheHome, { mode: 0o500 });
    expect(() => load(file, { XDG_CACHE_HOME: cacheHome })).not.toThrow();
    expect(load(file, { XDG_CACHE_HOME: cacheHome }).cache).toBe('miss');
  });

  it('a cache path that cannot be created (a file in the way) is ignored', async () => {
    const file = await moduleFile('a.cjs');
    await writeFile(join(work, 'blocked'), 'a file where the cache directory would go');
    const env = { XDG_CACHE_HOME: join(work, 'blocked') };
    expect(load(file, env).cache).toBe('miss');
    expect(load(file, env).cache).toBe('miss');
  });

  it('keeps line numbers in stack traces', async () => {
    const file = await moduleFile('c.cjs', '\n\nexports.boom = () => { throw new Error("boom"); };');
    const { exports } = load(file, { XDG_CACHE_HOME: join(work, 'cache') });
    let stack = '';
    try {
      (exports as { boom: () => void }).boom();
    } catch (error) {
      stack = (error as Error).stack ?? '';
    }
    // Line 1 is 'use strict', then two blank lines: the throw is on line 4.
    expect(stack).toContain(`${file}:4:`);
  });
});
