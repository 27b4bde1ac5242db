import { describe, expect, it } from 'vitest';
import { compileCacheDir, enableCompileCache, unsafeCacheDirReason } from './compileCache.js';

const stats = (over: Partial<{ dir: boolean; link: boolean; uid: number; mode: number }> = {}) => ({
  isDirectory: () => over.dir ?? true,
  isSymbolicLink: () => over.link ?? false,
  uid: over.uid ?? 1000,
  mode: 0o040000 | (over.mode ?? 0o700),
});

describe('compileCacheDir', () => {
  it('prefers XDG_CACHE_HOME, then LOCALAPPDATA, then HOME/.cache; none means no cache', () => {
    expect(compileCacheDir({ XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/x/rolecall/compile-cache');
    expect(compileCacheDir({ LOCALAPPDATA: '/l', HOME: '/h' })).toBe('/l/rolecall/compile-cache');
    expect(compileCacheDir({ XDG_CACHE_HOME: '', HOME: '/h' })).toBe('/h/.cache/rolecall/compile-cache');
    expect(compileCacheDir({})).toBeUndefined();
  });
});

describe('unsafeCacheDirReason', () => {
  it('accepts a 0700 or 0755 directory of our own', () => {
    expect(unsafeCacheDirReason(stats(), 1000)).toBeUndefined();
    expect(unsafeCacheDirReason(stats({ mode: 0o755 }), 1000)).toBeUndefined();
  });

  it("refuses another user's directory, one group or others can write, a link and a file", () => {
    expect(unsafeCacheDirReason(stats({ uid: 0 }), 1000)).toMatch(/owned by uid 0/);
    expect(unsafeCacheDirReason(stats({ mode: 0o777 }), 1000)).toMatch(/writable by others \(mode 777\)/);
    expect(unsafeCacheDirReason(stats({ mode: 0o770 }), 1000)).toMatch(/writable by others/);
    expect(unsafeCacheDirReason(stats({ link: true }), 1000)).toMatch(/symbolic link/);
    expect(unsafeCacheDirReason(stats({ dir: false }), 1000)).toMatch(/not a directory/);
  });
});

describe('enableCompileCache', () => {
  const env = { HOME: '/home/u' };
  const dir = '/home/u/.cache/rolecall/compile-cache';

  it('enables Node’s cache in the per-user directory once both levels are checked', () => {
    const enabled: string[] = [];
    const checked: string[] = [];
    const outcome = enableCompileCache(env, {
      mkdir: () => undefined,
      lstat: (path) => (checked.push(path), stats()),
      uid: 1000,
      enable: (d) => void enabled.push(d),
    });
    expect(outcome).toEqual({ status: 'on', dir });
    expect(checked).toEqual(['/home/u/.cache/rolecall', dir]);
    expect(enabled).toEqual([dir]);
  });

  it('leaves the cache off for a world-writable parent, without enabling anything', () => {
    const enabled: string[] = [];
    const outcome = enableCompileCache(env, {
      mkdir: () => undefined,
      lstat: (path) => (path === dir ? stats() : stats({ mode: 0o777 })),
      uid: 1000,
      enable: (d) => void enabled.push(d),
    });
    expect(outcome).toEqual({ status: 'off', reason: '/home/u/.cache/rolecall is writable by others (mode 777)' });
    expect(enabled).toEqual([]);
  });

  it('is off when disabled, homeless, or the directory cannot be made; never throws', () => {
    expect(enableCompileCache({ ...env, NODE_DISABLE_COMPILE_CACHE: '1' })).toMatchObject({ status: 'off' });
    expect(enableCompileCache({})).toMatchObject({ status: 'off' });
    const failing = enableCompileCache(env, {
      mkdir: () => {
        throw new Error('EACCES: permission denied');
      },
    });
    expect(failing).toEqual({ status: 'off', reason: 'EACCES: permission denied' });
  });
});
