import { FileTooLargeError, NotRegularFileError } from '../errors.js';
import type { NonRegularFileType } from '../errors.js';

/**
 * The most read from a shared config or credentials file. Real ones are a few
 * KB; the largest we know of are generated (a profile per account and role
 * of an organization: 10 000 profiles of ~250 bytes, ~2.5 MB). Parsing costs
 * ~5 ms per MiB, so the limit also bounds the time (docs/decisions/0097).
 * @public
 */
export const MAX_SHARED_CONFIG_FILE_BYTES = 4 * 1024 * 1024;

/** The most read from a web identity token file: STS takes a `WebIdentityToken` of at most 20 000 characters. @public */
export const MAX_TOKEN_FILE_BYTES = 64 * 1024;

/** @public */
export interface ReadFileOptions {
  /** Refuse a file larger than this (default {@link MAX_SHARED_CONFIG_FILE_BYTES}). */
  readonly maxBytes?: number;
}

/**
 * The only file-system call the core makes: read a UTF-8 file of at most
 * `maxBytes`, rejecting (ENOENT ...) when it cannot. The real one also refuses
 * what is not a regular file ({@link NotRegularFileError}) and what is too
 * large ({@link FileTooLargeError}).
 * @public
 */
export interface ReadFileFs {
  readFile(path: string, options?: ReadFileOptions): Promise<string>;
}

/** How much more room a file gets when it is longer than fstat said. */
const GROW_BYTES = 64 * 1024;

function fileTypeOf(stats: import('node:fs').Stats): NonRegularFileType {
  if (stats.isDirectory()) return 'directory';
  if (stats.isFIFO()) return 'FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'character device';
  if (stats.isBlockDevice()) return 'block device';
  if (stats.isSocket()) return 'socket';
  return 'special file';
}

/**
 * Reads a regular file of at most `maxBytes`, synchronously. Opening with
 * O_NONBLOCK makes a FIFO's open return at once instead of waiting for a
 * writer; `fstat` on the open descriptor (no race with a rename) then refuses
 * anything but a regular file, and the size before reading. The read itself
 * stops one byte past the limit, so a file that grows (or a /proc-style file
 * that reports size 0) is bounded too. Four fs calls where `readFileSync`
 * makes one: ~0.2 ms more for the first read in a process, measured in
 * bench/config-read.bench.mjs.
 */
function readRegularFileSync(path: string, maxBytes: number): string {
  const fs = process.getBuiltinModule('node:fs');
  let fd: number;
  try {
    // O_NONBLOCK is undefined on Windows, which has no FIFOs to open.
    fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    // Windows refuses to open a directory as a file.
    if ((error as { code?: unknown }).code === 'EISDIR') throw new NotRegularFileError(path, 'directory');
    throw error;
  }
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) {
      let realPath: string | undefined;
      try {
        realPath = fs.realpathSync(path);
      } catch {
        // The message is clear without it.
      }
      throw new NotRegularFileError(path, fileTypeOf(stats), realPath);
    }
    if (stats.size > maxBytes) throw new FileTooLargeError(path, maxBytes, stats.size);
    // One byte past the limit shows that a file is over it. A file read whole
    // takes one buffer, one read and one zero-length read.
    const limit = maxBytes + 1;
    let buffer = Buffer.allocUnsafe(Math.min(stats.size + 1, limit));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        if (total === limit) break;
        // Longer than fstat said (it grew, or a /proc-style file reports 0): make room, up to the limit.
        const bigger = Buffer.allocUnsafe(Math.min(limit, Math.max(total * 2, GROW_BYTES)));
        buffer.copy(bigger, 0, 0, total);
        buffer = bigger;
      }
      const n = fs.readSync(fd, buffer, total, buffer.length - total, null);
      if (n === 0) break;
      total += n;
    }
    if (total > maxBytes) throw new FileTooLargeError(path, maxBytes);
    return buffer.toString('utf8', 0, total);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The real file system. The files read through it (the shared config and
 * credentials files, token files) are small and local, read once per
 * resolution, so they are read synchronously: microseconds, where
 * node:fs/promises costs its own import and several thread-pool round trips
 * per file, ~1 ms of a cold first resolution (the AWS SDK for JavaScript v2
 * and botocore read these files synchronously too). Nothing in the read can
 * block for long: a FIFO or device is refused before any read, and at most
 * `maxBytes` of a regular file are read (docs/decisions/0097).
 * `getBuiltinModule` (Node >= 20.16) hands over node:fs without building an
 * ES module facade for its hundred exports.
 * @internal
 */
export const nodeReadFileFs: ReadFileFs = {
  async readFile(path, options) {
    return readRegularFileSync(path, options?.maxBytes ?? MAX_SHARED_CONFIG_FILE_BYTES);
  },
};

/**
 * Reads a file through the seam with a size limit, and holds any seam to it:
 * an injected `fs` that ignores `maxBytes` still cannot hand over more (a
 * string longer than `maxBytes` has more than `maxBytes` UTF-8 bytes).
 * @internal
 */
export async function readBoundedFile(fs: ReadFileFs, path: string, maxBytes: number): Promise<string> {
  const text = await fs.readFile(path, { maxBytes });
  if (text.length > maxBytes) throw new FileTooLargeError(path, maxBytes);
  return text;
}
