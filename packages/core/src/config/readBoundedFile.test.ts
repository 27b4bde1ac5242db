import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SHARED_CONFIG_FILE_BYTES, nodeReadFileFs, readBoundedFile } from './readBoundedFile.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rolecall-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('nodeReadFileFs', () => {
  it('reads a regular file whole, multi-byte characters included', async () => {
    const path = join(dir, 'config');
    await writeFile(path, '[default]\nregion = eu-west-1 # é 日\n');
    expect(await nodeReadFileFs.readFile(path)).toBe('[default]\nregion = eu-west-1 # é 日\n');
  });

  it('reads a file of exactly maxBytes and refuses one byte more', async () => {
    const path = join(dir, 'exact');
    await writeFile(path, 'x'.repeat(100));
    expect(await nodeReadFileFs.readFile(path, { maxBytes: 100 })).toHaveLength(100);
    await expect(nodeReadFileFs.readFile(path, { maxBytes: 99 })).rejects.toMatchObject({ code: 'ERR_ROLECALL_FILE_TOO_LARGE', path, maxBytes: 99, sizeBytes: 100 });
  });

  it('reads a file longer than fstat says (procfs reports size 0), still bounded', async () => {
    const maps = await nodeReadFileFs.readFile('/proc/self/maps');
    expect(maps.length).toBeGreaterThan(1000);
    expect(maps.split('\n').length).toBeGreaterThan(20);
    await expect(nodeReadFileFs.readFile('/proc/self/maps', { maxBytes: 100 })).rejects.toMatchObject({ code: 'ERR_ROLECALL_FILE_TOO_LARGE', sizeBytes: undefined });
  });

  it('refuses a sparse 1 GiB file by its size, before reading it', async () => {
    const path = join(dir, 'huge');
    await writeFile(path, '');
    await truncate(path, 1024 ** 3);
    const error = await nodeReadFileFs.readFile(path).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_ROLECALL_FILE_TOO_LARGE', sizeBytes: 1024 ** 3, maxBytes: MAX_SHARED_CONFIG_FILE_BYTES });
    expect((error as Error).message).toContain(path);
  });

  it('refuses a symlink to /dev/zero as a character device, naming both paths', async () => {
    const path = join(dir, 'zero');
    await symlink('/dev/zero', path);
    const error = await nodeReadFileFs.readFile(path).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_ROLECALL_NOT_REGULAR_FILE', fileType: 'character device', realPath: '/dev/zero' });
    expect((error as Error).message).toMatch(/zero is a character device \(it leads to \/dev\/zero\), not a regular file/);
  });

  it('refuses a FIFO without waiting for a writer', async () => {
    const path = join(dir, 'fifo');
    execFileSync('mkfifo', [path]);
    await expect(nodeReadFileFs.readFile(path)).rejects.toMatchObject({ code: 'ERR_ROLECALL_NOT_REGULAR_FILE', fileType: 'FIFO (named pipe)' });
  });

  it('refuses a directory', async () => {
    const path = join(dir, 'a-directory');
    await mkdir(path);
    await expect(nodeReadFileFs.readFile(path)).rejects.toMatchObject({ code: 'ERR_ROLECALL_NOT_REGULAR_FILE', fileType: 'directory' });
  });

  it('rejects a missing file with ENOENT, as before', async () => {
    const path = join(dir, 'missing');
    expect(existsSync(path)).toBe(false);
    await expect(nodeReadFileFs.readFile(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('readBoundedFile', () => {
  it('passes the limit to the seam', async () => {
    const seen: unknown[] = [];
    const text = await readBoundedFile({ readFile: async (_path, options) => (seen.push(options), 'ok') }, '/f', 10);
    expect(text).toBe('ok');
    expect(seen).toEqual([{ maxBytes: 10 }]);
  });

  it('holds an injected fs that ignores the limit to it', async () => {
    await expect(readBoundedFile({ readFile: async () => 'x'.repeat(11) }, '/f', 10)).rejects.toMatchObject({ code: 'ERR_ROLECALL_FILE_TOO_LARGE', path: '/f' });
  });
});
