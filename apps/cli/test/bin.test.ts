// The shipped binary, as a user runs it: `node bin/rolecall.js ...` in a fresh
// process against the mock's loopback server (port 0), with the child's own
// environment (this process's env is untouched). It runs the build's
// dist/rolecall.cjs through the compile cache (decision 0076), so `npm test`
// builds first.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockAws, startMockServer, type MockServer } from '@rolecall/mock-aws';
import { BIN, node } from './support/realProcess.js';

const BUNDLE = fileURLToPath(new URL('../dist/rolecall.cjs', import.meta.url));
const COMPILE_CACHE = fileURLToPath(new URL('../dist/compileCache.cjs', import.meta.url));

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

  it('keeps a compile cache per command under $HOME/.cache and gives the same answer from it', async () => {
    const dir = join(home, '.cache', 'rolecall', 'compile-cache');
    await rm(dir, { recursive: true, force: true });
    const first = await rolecall(['whoami', '--json']);
    expect((await readdir(dir)).filter((name) => name.startsWith('whoami-'))).toHaveLength(1);
    const second = await rolecall(['whoami', '--json']);
    expect(second).toEqual(first);
    const cache = await readFile(join(dir, (await readdir(dir)).find((name) => name.startsWith('whoami-'))!));
    // Bytecode, not source: no key or secret of the run is in it.
    expect(cache.includes(Buffer.from(alice.secretAccessKey))).toBe(false);
    expect(cache.includes(Buffer.from(alice.accessKeyId))).toBe(false);
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
    for (const name of ['mock', 'whoami', 'explain', 'imds', 'load', 'demo']) expect(help.stdout).toContain(name);
    const unknown = await rolecall(['frobnicate']);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  });

  it('the bundle holds aws4 and fast-xml-parser, no import() and nothing of the mock or the harness', async () => {
    const text = await readFile(BUNDLE, 'utf8');
    expect(text).not.toMatch(/\bimport\(/);
    expect(text).not.toMatch(/require\("(aws4|fast-xml-parser)"\)/);
    expect(text).toContain('node_modules/aws4/aws4.js');
    expect(text).toContain('node_modules/fast-xml-parser/src/xmlparser/XMLParser.js');
    expect(text).not.toMatch(/msw|@rolecall\/(mock-aws|load-harness)/);
  });
});

// V8 serves a source it has compiled before in the same process from memory,
// so whether it accepts our cache bytes is only observable across processes.
describe('compile cache across processes', () => {
  it('miss, then hit; a corrupt cache is rejected, still runs, and is rewritten', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-cc-'));
    try {
      const file = join(dir, 'module.cjs');
      await writeFile(file, "'use strict';\nexports.twice = (n) => n * 2;\n");
      const script = `const { requireWithCompileCache } = require(${JSON.stringify(COMPILE_CACHE)});
const r = requireWithCompileCache(${JSON.stringify(file)}, { env: { XDG_CACHE_HOME: ${JSON.stringify(join(dir, 'cache'))} }, workload: 'w' });
process.stdout.write(JSON.stringify({ cache: r.cache, twice: r.exports.twice(21), file: r.cacheFile }));`;
      const outcome = async () => JSON.parse((await node(['-e', script], {})).stdout) as { cache: string; twice: number; file: string };
      const first = await outcome();
      expect(first).toMatchObject({ cache: 'miss', twice: 42 });
      expect(await outcome()).toMatchObject({ cache: 'hit', twice: 42 });
      await writeFile(first.file, Buffer.from('not a code cache, just bytes'));
      expect(await outcome()).toMatchObject({ cache: 'rejected', twice: 42 });
      expect(await outcome()).toMatchObject({ cache: 'hit', twice: 42 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
