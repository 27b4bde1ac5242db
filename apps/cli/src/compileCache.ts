import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * Loads a CommonJS file through a V8 code cache kept on disk: the bytecode of
 * every function the run compiled, written when the process exits and read
 * back by the next run, which then skips parsing and compiling (decision
 * 0076). Node 22's `module.enableCompileCache()` does this for every module;
 * Node 20 has no such switch, so the binary does it for its one bundle.
 *
 * The cache is an optimisation only: a missing, stale, foreign or unreadable
 * cache means a normal compile, and a failed write is ignored.
 */

/** @internal */
export interface CompileCacheOptions {
  /** Where the cache lives and whether it is on: NODE_DISABLE_COMPILE_CACHE, XDG_CACHE_HOME, LOCALAPPDATA, HOME. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * One cache per workload: a run only caches the functions it compiled, so
   * `rolecall whoami` and `rolecall explain` each keep their own.
   */
  readonly workload: string;
  /** Runs the write when the process ends; the default is `process.once('exit', ...)`. */
  readonly onExit?: (write: () => void) => void;
}

/** What happened to the cache: `hit` used it, `miss` had none, `rejected` V8 refused it, `off` caching is disabled or has no home. @internal */
export type CompileCacheOutcome = 'hit' | 'miss' | 'rejected' | 'off';

/** @internal */
export interface CompiledModule {
  readonly exports: unknown;
  readonly cache: CompileCacheOutcome;
  /** The cache file, when caching is on. */
  readonly cacheFile: string | undefined;
}

/** The directory of the binary's cache, or undefined when there is no home for it or it is disabled. @internal */
export function compileCacheDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  // Node 22 reads the same variable for its own compile cache.
  if (isSet(env['NODE_DISABLE_COMPILE_CACHE'])) return undefined;
  // A per-user directory: a cache is code, so it must not sit where other users can write.
  const base = nonEmpty(env['XDG_CACHE_HOME']) ?? nonEmpty(env['LOCALAPPDATA']) ?? (nonEmpty(env['HOME']) === undefined ? undefined : join(env['HOME'] as string, '.cache'));
  return base === undefined ? undefined : join(base, 'rolecall', 'compile-cache');
}

/**
 * `require(file)`, with the file compiled through the on-disk code cache.
 * The cache is keyed by the file's content, the Node version and the
 * architecture: V8 itself checks only its version, its flags and the
 * source's length, so a rebuilt file of the same length would otherwise run
 * stale bytecode.
 * @internal
 */
export function requireWithCompileCache(file: string, options: CompileCacheOptions): CompiledModule {
  const source = readFileSync(file, 'utf8');
  const dir = compileCacheDir(options.env);
  const workload = options.workload.replace(/[^a-z0-9-]/gi, '_');
  const stem = `${workload}-`;
  const cacheFile = dir === undefined ? undefined : join(dir, `${stem}${createHash('sha256').update(`${process.version} ${process.arch}\n`).update(source).digest('hex').slice(0, 32)}.v8`);
  const cachedData = cacheFile === undefined ? undefined : readOrUndefined(cacheFile);

  // The wrapper Node's CommonJS loader puts around a file; kept on the first
  // line so that stack traces keep their line numbers.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
    filename: file,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const wrapped = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;
  const module = { exports: {} as unknown };
  wrapped.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));

  const cache: CompileCacheOutcome = cacheFile === undefined ? 'off' : cachedData === undefined ? 'miss' : script.cachedDataRejected === true ? 'rejected' : 'hit';
  if (dir !== undefined && cacheFile !== undefined && cache !== 'hit') {
    const onExit = options.onExit ?? ((write: () => void) => process.once('exit', write));
    // At exit, so that the cache holds every function this run compiled, not just the top level.
    onExit(() => writeCache(dir, cacheFile, stem, script.createCachedData()));
  }
  return { exports: module.exports, cache, cacheFile };
}

function writeCache(dir: string, cacheFile: string, stem: string, data: Buffer): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Write then rename: a concurrent run reads the old file or the new one, never half of one.
    const partial = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(partial, data, { mode: 0o600 });
    renameSync(partial, cacheFile);
    // Caches of earlier builds of the same workload are dead weight.
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name.startsWith(stem) && name.endsWith('.v8') && path !== cacheFile) rmSync(path, { force: true });
    }
  } catch {
    // Read-only or full disk: the next run compiles as this one did.
  }
}

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);
const isSet = (value: string | undefined): boolean => value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
