import type { Stats } from 'node:fs';

// Built-ins come from process.getBuiltinModule, not ES imports, on every path
// the binary takes (decision 0125): an ES import of node:fs builds a facade of
// its exports and so loads fs/promises, readline and the rest of what the
// lazy getters hold.
const { lstatSync, mkdirSync } = process.getBuiltinModule('node:fs');
const { enableCompileCache: enableNodeCompileCache } = process.getBuiltinModule('node:module');
const { join } = process.getBuiltinModule('node:path');

/**
 * The binary turns on Node's own compile cache (`module.enableCompileCache`,
 * Node >= 22.1) before it loads anything else: every module's bytecode is
 * written at exit and read back by the next run (decision 0122). Node's
 * default directory is under the shared temp directory; a cache is code, so
 * ours is per user and used only if this user owns it and nobody else can
 * write to it.
 */

/** Where the cache would live: `$XDG_CACHE_HOME`, `%LOCALAPPDATA%` or `$HOME/.cache`, then `rolecall/compile-cache`. @internal */
export function compileCacheDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const base = nonEmpty(env['XDG_CACHE_HOME']) ?? nonEmpty(env['LOCALAPPDATA']) ?? (nonEmpty(env['HOME']) === undefined ? undefined : join(env['HOME'] as string, '.cache'));
  return base === undefined ? undefined : join(base, 'rolecall', 'compile-cache');
}

/** Why a directory cannot hold the cache, or undefined when it can. @internal */
export function unsafeCacheDirReason(stats: Pick<Stats, 'isDirectory' | 'isSymbolicLink' | 'uid' | 'mode'>, uid: number | undefined): string | undefined {
  if (stats.isSymbolicLink()) return 'is a symbolic link';
  if (!stats.isDirectory()) return 'is not a directory';
  // No uid (Windows): the mode bits say nothing there either.
  if (uid === undefined) return undefined;
  if (stats.uid !== uid) return `is owned by uid ${stats.uid}, not ${uid}`;
  if ((stats.mode & 0o022) !== 0) return `is writable by others (mode ${(stats.mode & 0o777).toString(8)})`;
  return undefined;
}

/** What {@link enableCompileCache} did. @internal */
export type CompileCacheOutcome = { readonly status: 'on'; readonly dir: string } | { readonly status: 'off'; readonly reason: string };

/** @internal */
export interface CompileCacheSeams {
  readonly lstat?: (path: string) => Pick<Stats, 'isDirectory' | 'isSymbolicLink' | 'uid' | 'mode'>;
  readonly mkdir?: (path: string) => void;
  readonly uid?: number | undefined;
  readonly enable?: (dir: string) => void;
}

/**
 * Turns Node's compile cache on in a safe per-user directory (created 0700),
 * or leaves it off: when disabled (`NODE_DISABLE_COMPILE_CACHE`, Node's own
 * switch), with no home for it, or when `rolecall/` or `compile-cache/` is a
 * link, not ours, or writable by group or others. Never throws: a cache is
 * an optimisation only.
 * @internal
 */
export function enableCompileCache(env: Readonly<Record<string, string | undefined>>, seams: CompileCacheSeams = {}): CompileCacheOutcome {
  if (isSet(env['NODE_DISABLE_COMPILE_CACHE'])) return { status: 'off', reason: 'NODE_DISABLE_COMPILE_CACHE is set' };
  const dir = compileCacheDir(env);
  if (dir === undefined) return { status: 'off', reason: 'no XDG_CACHE_HOME, LOCALAPPDATA or HOME' };
  const lstat = seams.lstat ?? lstatSync;
  const uid = 'uid' in seams ? seams.uid : process.getuid?.();
  try {
    (seams.mkdir ?? ((path: string) => mkdirSync(path, { recursive: true, mode: 0o700 })))(dir);
    for (const path of [join(dir, '..'), dir]) {
      const reason = unsafeCacheDirReason(lstat(path), uid);
      if (reason !== undefined) return { status: 'off', reason: `${path} ${reason}` };
    }
    (seams.enable ?? enableNodeCompileCache)(dir);
    return { status: 'on', dir };
  } catch (error) {
    return { status: 'off', reason: error instanceof Error ? error.message : String(error) };
  }
}

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);
const isSet = (value: string | undefined): boolean => value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
