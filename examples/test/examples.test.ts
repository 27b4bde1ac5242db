// Every example, as a user runs it: `node examples/<file>` in a fresh process
// (no test runner keeping the event loop alive, real timers) against a real
// `rolecall mock --port 0`, with the environment its export lines print and
// faults injected through POST /_mock/faults. Asserts output and exit code.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run, startRolecallMock, type RolecallMock, type Run } from './support/run.js';

const EXAMPLES = fileURLToPath(new URL('..', import.meta.url));
const README = fileURLToPath(new URL('../../README.md', import.meta.url));
// The CLI as the examples workspace resolves it: by its package name.
const BIN = join(dirname(createRequire(import.meta.url).resolve('@rolecall/cli/package.json')), 'bin', 'rolecall.js');

const CONTAINER_VARS = ['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN'];
const IMDS_CREDENTIALS_GET = '/latest/meta-data/iam/security-credentials/?*';

let mock: RolecallMock;
let home: string;

beforeAll(async () => {
  mock = await startRolecallMock(BIN);
  home = await mkdtemp(join(tmpdir(), 'rolecall-examples-home-')); // no ~/.aws files
});
afterAll(async () => {
  await mock?.stop();
  if (home !== undefined) await rm(home, { recursive: true, force: true });
});
beforeEach(async () => {
  await mock.control('reset');
});

/** The mock's export lines without the container provider, so the chain reaches IMDS. */
function imdsEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(mock.exports).filter(([name]) => !CONTAINER_VARS.includes(name)));
}

function example(file: string, env: Record<string, string> = mock.exports): Promise<Run> {
  return run(process.execPath, [join(EXAMPLES, file)], { env: { HOME: home, ...env }, cwd: EXAMPLES });
}

/** A loopback port nothing listens on: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const throttleSts = (times?: number) => ({
  rules: [{ service: 'sts', action: 'GetCallerIdentity', status: 400, code: 'Throttling', ...(times === undefined ? {} : { times }) }],
});

function noSecrets(result: Run): void {
  const text = result.stdout + result.stderr;
  expect(text).not.toMatch(/SecretAccessKey|SessionToken/);
  expect(text).not.toContain(mock.exports['AWS_CONTAINER_AUTHORIZATION_TOKEN']);
}

describe('call-with-retries (createClient + getCallerIdentity)', () => {
  it('ESM: answers as the container role in one attempt', async () => {
    const result = await example('call-with-retries.mjs');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ Arn: expect.stringContaining(':assumed-role/'), attempts: 1, region: 'us-east-1', regionSource: 'default' });
    noSecrets(result);
  });

  it('ESM: two Throttling answers are retried in a fresh process, which exits 0 with attempts: 3', async () => {
    await mock.control('faults', throttleSts(2));
    const result = await example('call-with-retries.mjs');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ attempts: 3, totalRetryDelayMs: expect.any(Number) });
  });

  it('CommonJS: the same throttled call through require() exits 0 with attempts: 3', async () => {
    await mock.control('faults', throttleSts(2));
    const result = await example('call-with-retries.cjs');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ Arn: expect.stringContaining(':assumed-role/'), attempts: 3 });
  });

  it('persistent throttling: exits 1 naming Throttling after 3 attempts', async () => {
    await mock.control('faults', throttleSts());
    const result = await example('call-with-retries.mjs');
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Throttling');
    expect(result.stderr).toMatch(/\b3\b.*attempts/);
  });
});

describe('credentials-only (@rolecall/core/credentials)', () => {
  it('one 500 on the IMDS credentials GET is retried and the chain answers from imds', async () => {
    await mock.control('faults', { rules: [{ service: 'imds', path: IMDS_CREDENTIALS_GET, status: 500, times: 1 }] });
    const result = await example('credentials-only.mjs', imdsEnv());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^credentials from imds: \*{4}[A-Z0-9]{4}, expires \d{4}-/);
    noSecrets(result);
  });

  it('a refused container endpoint: exits 2 naming the container provider and the refusal', async () => {
    const env = { ...mock.exports, AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${await closedPort()}/v2/credentials/task` };
    const result = await example('credentials-only.mjs', env);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/container/);
    expect(result.stderr).toMatch(/ECONNREFUSED|refused/i);
    noSecrets(result);
  });
});

describe('explain-credentials (explainCredentials)', () => {
  it('lists every provider up to the one that answered', async () => {
    const result = await example('explain-credentials.mjs', imdsEnv());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^env +skipped +AWS_ACCESS_KEY_ID is not set$/m);
    expect(result.stdout).toMatch(/^imds +ok /m);
    expect(result.stdout).toContain('source: imds, region: us-east-1 (default)');
  });

  it('a refused container endpoint: exits 2 with the trace', async () => {
    const env = { ...mock.exports, AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${await closedPort()}/v2/credentials/task` };
    const result = await example('explain-credentials.mjs', env);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^container +failed /m);
    expect(result.stdout).toContain('source: none');
  });
});

describe('retry-your-function (retry, retryWithStats, retryInterceptor)', () => {
  it('one IMDS 500 on your own call is retried: exits 0 after 2 attempts', async () => {
    await mock.control('faults', { rules: [{ service: 'imds', path: '/latest/meta-data/instance-id', status: 500, times: 1 }] });
    const result = await example('retry-your-function.mjs', imdsEnv());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^instance-id i-0abc1234def567890 \(region us-east-1\): 2 attempts, \d+ ms of backoff$/m);
    expect(result.stdout).toContain('token PUT through the retrying dispatcher: 200');
  });

  it('a 500 on every attempt: exits 1 with the error saying it gave up after 3 attempts', async () => {
    await mock.control('faults', { rules: [{ service: 'imds', path: '/latest/meta-data/instance-id', status: 500 }] });
    const result = await example('retry-your-function.mjs', imdsEnv());
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ERR_ROLECALL_RETRY_ATTEMPTS_EXHAUSTED');
    expect(result.stderr).toMatch(/Gave up after 3 of 3 attempts/);
  });

  it('a 404 is not retried: the error is thrown at once', async () => {
    await mock.control('faults', { rules: [{ service: 'imds', path: '/latest/meta-data/instance-id', status: 404, times: 1 }] });
    const result = await example('retry-your-function.mjs', imdsEnv());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('answered 404');
    const journal = (await (await fetch(new URL('/_mock/journal', mock.url))).json()) as { path: string }[];
    expect(journal.filter((e) => e.path === '/latest/meta-data/instance-id')).toHaveLength(1);
  });
});

describe('msw-fetch (setupServer(...handlers(mock)))', () => {
  it('fetch to the IMDS address is answered in-process, and the credentials rotate after 6 hours', async () => {
    const result = await example('msw-fetch.mjs', {});
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^rolecall-app-role: \*{4}[A-Z0-9]{4} until \d{4}-\d\d-\d\dT/);
    expect(lines[0]).not.toBe(lines[1]);
  });
});

describe('load-scenario (@rolecall/load-harness)', () => {
  it('runs its own scenario for three strategies and exits 0 when rolecall is fair', async () => {
    const result = await example('load-scenario.mjs', {});
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const names = result.stdout.trim().split('\n').map((line) => line.split(/\s+/)[0]);
    expect(names).toEqual(['no-jitter', 'full-jitter', 'rolecall']);
    expect(result.stdout).toMatch(/^rolecall +jain (0\.9\d\d|1\.000) +starved 0 /m);
    // The point of the comparison: the default retries far less than unjittered backoff.
    const amplification = (name: string): number => Number(new RegExp(`^${name} .*retry amplification (\\S+)$`, 'm').exec(result.stdout)?.[1]);
    expect(amplification('rolecall')).toBeLessThan(amplification('no-jitter') / 2);
  });
});

describe('README.md', () => {
  it('every ts/js code block is taken verbatim from an example file', async () => {
    const readme = await readFile(README, 'utf8');
    const blocks = [...readme.matchAll(/^```(?:ts|js)\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    const files = (await readdir(EXAMPLES)).filter((name) => /\.(mjs|cjs)$/.test(name));
    const sources = await Promise.all(files.map((name) => readFile(join(EXAMPLES, name), 'utf8')));
    const missing = blocks.filter((block) => !sources.some((source) => source.includes(block)));
    expect(missing).toEqual([]);
  });
});
