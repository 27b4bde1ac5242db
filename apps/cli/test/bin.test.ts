// The shipped binary, as a user runs it: `node bin/rolecall.js ...` in a fresh
// process against the mock's loopback server (port 0), with the child's own
// environment (this process's env is untouched). It runs the build's dist/
// with Node's compile cache on (decision 0122), so `npm test` builds first.
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockAws, startMockServer, type MockServer } from '@rolecall/mock-aws';
import { BIN, node } from './support/realProcess.js';


const mock = createMockAws({ faults: { throttle: { imds: null, sts: null, container: null } } }, { clockMode: 'real' });
const alice = mock.config.users[0]!;
let server: MockServer;
let home: string;

beforeAll(async () => {
  server = await startMockServer(mock, { port: 0 });
  home = await mkdtemp(join(tmpdir(), 'rolecall-bin-home-'));
});
afterAll(async () => {
  await server.close();
  await rm(home, { recursive: true, force: true });
});

/** The binary with alice's keys from env, STS and IMDS on the mock, no region, HOME in a temp directory. */
const rolecall = (args: readonly string[], extra: Record<string, string> = {}) =>
  node([BIN, ...args], {
    HOME: home,
    AWS_ACCESS_KEY_ID: alice.accessKeyId,
    AWS_SECRET_ACCESS_KEY: alice.secretAccessKey,
    AWS_ENDPOINT_URL_STS: server.url,
    AWS_EC2_METADATA_SERVICE_ENDPOINT: server.url,
    ...extra,
  });

describe('bin/rolecall.js', () => {
  it('regression: exits 1 with the cause when STS is unreachable, not 0 mid-backoff (unref\'d sleeps)', async () => {
    const run = await rolecall(['whoami'], { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^rolecall whoami: Gave up after \d+ of \d+ attempts/);
  });

  it('whoami --json: the contract, us-east-1 from default, and no secret in any output', async () => {
    const run = await rolecall(['whoami', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      Account: mock.config.account,
      Arn: `arn:aws:iam::${mock.config.account}:user/${alice.name}`,
      UserId: expect.stringMatching(/^AIDA/),
      credentialSource: 'env',
      region: 'us-east-1',
      regionSource: 'default',
    });
    expect(run.stdout + run.stderr).not.toContain(alice.secretAccessKey);
  });

  it('keeps Node’s compile cache in a 0700 directory under $HOME/.cache, with no key or secret in it, and gives the same answer from it', async () => {
    const dir = join(home, '.cache', 'rolecall', 'compile-cache');
    await rm(dir, { recursive: true, force: true });
    const first = await rolecall(['whoami', '--json']);
    const files = await readdir(dir, { recursive: true, withFileTypes: true });
    expect(files.filter((entry) => entry.isFile()).length).toBeGreaterThan(0);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const second = await rolecall(['whoami', '--json']);
    expect(second).toEqual(first);
    for (const entry of files.filter((e) => e.isFile())) {
      // Bytecode, not data: no key or secret of the run is in it.
      const bytes = await readFile(join(entry.parentPath, entry.name));
      expect(bytes.includes(Buffer.from(alice.secretAccessKey))).toBe(false);
      expect(bytes.includes(Buffer.from(alice.accessKeyId))).toBe(false);
    }
  });

  // Regression: a pre-existing world-writable cache directory was
  // reused, so anyone who could write there could plant code the CLI ran.
  it('refuses a world-writable compile cache directory (or parent): writes nothing there and still answers', async () => {
    const cacheHome = await mkdtemp(join(tmpdir(), 'rolecall-bin-0777-'));
    try {
      const parent = join(cacheHome, 'rolecall');
      const dir = join(parent, 'compile-cache');
      await mkdir(dir, { recursive: true });
      await chmod(dir, 0o777);
      const run = await rolecall(['whoami', '--json'], { XDG_CACHE_HOME: cacheHome });
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ credentialSource: 'env' });
      expect(await readdir(dir)).toEqual([]);

      await chmod(dir, 0o700);
      await chmod(parent, 0o777);
      expect((await rolecall(['whoami', '--json'], { XDG_CACHE_HOME: cacheHome })).code).toBe(0);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(cacheHome, { recursive: true, force: true });
    }
  });

  // Regression: ES imports of node:fs and node:util (the compile cache's
  // directory checks, whoami's argument parser) loaded fs/promises, readline
  // and worker_threads through the built-ins' lazy getters on every run
  // (decision 0125).
  it('a cold whoami loads none of the built-ins it never uses (fs/promises, readline, worker_threads)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-bin-loaded-'));
    try {
      const preload = join(dir, 'record-loaded.cjs');
      const list = join(dir, 'loaded.txt');
      await writeFile(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n')));\n`);
      const run = await node(['--require', preload, BIN, 'whoami', '--json'], { HOME: home, AWS_ACCESS_KEY_ID: alice.accessKeyId, AWS_SECRET_ACCESS_KEY: alice.secretAccessKey, AWS_ENDPOINT_URL_STS: server.url, AWS_EC2_METADATA_DISABLED: 'true' });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const loaded = (await readFile(list, 'utf8')).split('\n');
      expect(loaded).toContain('NativeModule http');
      const unused = ['internal/fs/promises', 'internal/readline/interface', 'worker_threads', 'internal/worker'].map((name) => `NativeModule ${name}`);
      expect(loaded.filter((name) => unused.includes(name))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('NODE_DISABLE_COMPILE_CACHE=1 runs without reading or writing a cache', async () => {
    const bare = await mkdtemp(join(tmpdir(), 'rolecall-bin-nocache-'));
    try {
      const run = await rolecall(['whoami', '--json'], { HOME: bare, NODE_DISABLE_COMPILE_CACHE: '1' });
      expect(run.code).toBe(0);
      expect(await readdir(bare)).toEqual([]);
    } finally {
      await rm(bare, { recursive: true, force: true });
    }
  });

  it('explain --json names env as the source', async () => {
    const run = await rolecall(['explain', '--json'], { AWS_EC2_METADATA_DISABLED: 'true' });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { credentials: { source: string } };
    expect(out.credentials.source).toBe('env');
    expect(run.stdout).not.toContain(alice.secretAccessKey);
  });

  it('imds get reads the mock instance metadata', async () => {
    const run = await rolecall(['imds', 'get', 'meta-data/placement/region']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(mock.config.instance.region);
  });

  it('loads mock, load and demo as ES modules: load --help answers', async () => {
    const run = await rolecall(['load', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('usage: rolecall load');
  });

  it('usage and an unknown command keep their exit codes (0, 64)', async () => {
    const help = await rolecall(['--help']);
    expect(help.code).toBe(0);
    for (const name of ['mock', 'whoami', 'explain', 'can', 'imds', 'load', 'demo']) expect(help.stdout).toContain(name);
    const unknown = await rolecall(['frobnicate']);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  });
});
