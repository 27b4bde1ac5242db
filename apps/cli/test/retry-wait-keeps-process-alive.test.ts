// Regression (issue 10): the system clock's timers were unref'd, so while a
// retry slept nothing kept Node alive. A script awaiting a throttled call
// exited 13 (ESM, unsettled top-level await) or 0 with no output (CommonJS);
// `rolecall whoami` after one throttle, and explain/whoami waiting to retry a
// refused container endpoint, printed nothing and exited 0. vitest keeps its
// own event loop alive, so only a fresh process shows it: a real
// `rolecall mock --port 0`, scripts and the binary in child `node` processes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE, BIN, CORE_DIST, closedPort, node, startRealMock, type RealMock } from './support/realProcess.js';

let mock: RealMock;
let dir: string;
let home: string;

const CALL = `const client = createClient();
const out = await getCallerIdentity(client);
console.log('arn: ' + out.Arn);
console.log('attempts: ' + out.$metadata.attempts);`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rolecall-alive-'));
  home = join(dir, 'home');
  await writeFile(join(dir, 'call.mjs'), `import { createClient, getCallerIdentity } from ${JSON.stringify(pathToFileURL(CORE_DIST).href)};\n${CALL}\n`);
  // CommonJS has no top-level await: the call runs in an async function, as such scripts do.
  await writeFile(join(dir, 'call.cjs'), `const { createClient, getCallerIdentity } = require(${JSON.stringify(CORE_DIST)});\n(async () => {\n${CALL}\n})();\n`);
  // A bare retry() around the user's own function: two transient failures, then a value.
  await writeFile(
    join(dir, 'retry.mjs'),
    `import { retryWithStats } from ${JSON.stringify(pathToFileURL(CORE_DIST).href)};
let calls = 0;
const { value, attempts } = await retryWithStats(async () => {
  if (++calls < 3) throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
  return 'done';
});
console.log(value + ' attempts: ' + attempts);\n`,
  );
  mock = await startRealMock(home);
});
afterAll(async () => {
  await mock?.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await mock.reset();
});

/** Alice's keys from env, STS on the mock, IMDS off: only the throttle decides. */
const keysEnv = (): Record<string, string> => ({
  HOME: home,
  AWS_ACCESS_KEY_ID: ALICE.accessKeyId,
  AWS_SECRET_ACCESS_KEY: ALICE.secretAccessKey,
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL_STS: mock.url,
  AWS_EC2_METADATA_DISABLED: 'true',
});
const throttle = (times: number) => mock.faults({ rules: [{ service: 'sts', action: 'GetCallerIdentity', status: 400, code: 'Throttling', times }] });

describe('a throttled getCallerIdentity in a plain script', () => {
  for (const script of ['call.mjs', 'call.cjs']) {
    it(`${script}: two Throttling answers, the third attempt succeeds and the script exits 0`, async () => {
      await throttle(2);
      const run = await node([join(dir, script)], keysEnv());
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain(`arn: arn:aws:iam::123456789012:user/alice`);
      expect(run.stdout).toContain('attempts: 3');
      expect(run.code).toBe(0);
      const calls = (await mock.journal()).filter((e) => e.action === 'GetCallerIdentity');
      expect(calls.map((e) => e.status)).toEqual([400, 400, 200]);
    });
  }
});

it('a bare retryWithStats() sleeps its two backoffs in a script and exits 0', async () => {
  const run = await node([join(dir, 'retry.mjs')], { HOME: home });
  expect(run.stderr).toBe('');
  expect(run.stdout).toBe('done attempts: 3\n');
  expect(run.code).toBe(0);
});

describe('rolecall whoami against a throttling STS', () => {
  it('after one Throttling answer prints the identity and exits 0', async () => {
    await throttle(1);
    const run = await node([BIN, 'whoami', '--json'], keysEnv());
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ Arn: 'arn:aws:iam::123456789012:user/alice', credentialSource: 'env' });
    expect(run.code).toBe(0);
  });

  it('under persistent throttling exits non-zero naming Throttling after 3 attempts', async () => {
    await throttle(1000);
    const run = await node([BIN, 'whoami', '--json'], keysEnv());
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Throttling/);
    expect(run.stderr).toMatch(/3 attempts/);
    expect(run.code).toBe(1);
    expect((await mock.journal()).filter((e) => e.action === 'GetCallerIdentity')).toHaveLength(3);
  });
});

describe('a refused container credentials endpoint', () => {
  const containerEnv = async (): Promise<Record<string, string>> => ({
    HOME: home,
    AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${await closedPort()}/credentials`,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_STS: mock.url,
    AWS_REGION: 'us-east-1',
  });

  it('rolecall explain waits out its retries and exits 2 with the report', async () => {
    const run = await node([BIN, 'explain', '--json'], await containerEnv());
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as { credentials: { ok: boolean; trace: Array<{ provider: string; outcome: string; reason: string }> } };
    expect(report.credentials.ok).toBe(false);
    expect(report.credentials.trace.find((s) => s.provider === 'container')).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/ECONNREFUSED.*after 3 attempt/) });
  });

  it('rolecall whoami waits out its retries and exits 2 naming the container endpoint', async () => {
    const run = await node([BIN, 'whoami'], await containerEnv());
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/container/);
    expect(run.stderr).toMatch(/ECONNREFUSED.*after 3 attempt/);
    expect(run.code).toBe(2);
  });
});
