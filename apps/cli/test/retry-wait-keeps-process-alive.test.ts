// Regression: the system clock's timers were unref'd, so while a
// retry slept nothing kept Node alive. A script awaiting a throttled call
// exited 13 (ESM, unsettled top-level await) or 0 with no output (CommonJS);
// `rolecall whoami` after one throttle, and explain/whoami waiting to retry a
// refused container endpoint, printed nothing and exited 0. vitest keeps its
// own event loop alive, so only a fresh process shows it: a real
// `rolecall mock --port 0`, scripts and the binary in child `node` processes.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALICE, BIN, CORE_DIST, CORE_URL, closedPort, node, useRealMock } from './support/realProcess.js';

/** A getCallerIdentity script body, over undici (the default) or node:http. */
const call = (transport: 'undici' | 'node:http') => `const client = createClient({ transport: '${transport}' });
const out = await getCallerIdentity(client);
console.log('arn: ' + out.Arn);
console.log('attempts: ' + out.$metadata.attempts);`;

const real = useRealMock({
  'call.mjs': `import { createClient, getCallerIdentity } from ${JSON.stringify(CORE_URL)};\n${call('undici')}\n`,
  'call-node-http.mjs': `import { createClient, getCallerIdentity } from ${JSON.stringify(CORE_URL)};\n${call('node:http')}\n`,
  // CommonJS has no top-level await: the call runs in an async function, as such scripts do.
  'call.cjs': `const { createClient, getCallerIdentity } = require(${JSON.stringify(CORE_DIST)});\n(async () => {\n${call('undici')}\n})();\n`,
  // A bare retry() around the user's own function: two transient failures, then a value.
  'retry.mjs': `import { retryWithStats } from ${JSON.stringify(CORE_URL)};
let calls = 0;
const { value, attempts } = await retryWithStats(async () => {
  if (++calls < 3) throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
  return 'done';
});
console.log(value + ' attempts: ' + attempts);\n`,
});

/** Alice's keys from env, STS on the mock, IMDS off: only the throttle decides. */
const keysEnv = (): Record<string, string> => ({
  HOME: real.home,
  AWS_ACCESS_KEY_ID: ALICE.accessKeyId,
  AWS_SECRET_ACCESS_KEY: ALICE.secretAccessKey,
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL_STS: real.mock.url,
  AWS_EC2_METADATA_DISABLED: 'true',
});
const throttle = (times: number) => real.mock.faults({ rules: [{ service: 'sts', action: 'GetCallerIdentity', status: 400, code: 'Throttling', times }] });

describe('a throttled getCallerIdentity in a plain script', () => {
  for (const script of ['call.mjs', 'call-node-http.mjs', 'call.cjs']) {
    it(`${script}: two Throttling answers, the third attempt succeeds and the script exits 0`, async () => {
      await throttle(2);
      const run = await node([join(real.dir, script)], keysEnv());
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain(`arn: arn:aws:iam::123456789012:user/alice`);
      expect(run.stdout).toContain('attempts: 3');
      expect(run.code).toBe(0);
      const calls = (await real.mock.journal()).filter((e) => e.action === 'GetCallerIdentity');
      expect(calls.map((e) => e.status)).toEqual([400, 400, 200]);
    });
  }
});

it('a bare retryWithStats() sleeps its two backoffs in a script and exits 0', async () => {
  const run = await node([join(real.dir, 'retry.mjs')], { HOME: real.home });
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
    expect((await real.mock.journal()).filter((e) => e.action === 'GetCallerIdentity')).toHaveLength(3);
  });
});

/** A configured credentials endpoint that refuses connections: the provider retries, then the chain fails (exit 2). */
const refused = [
  {
    what: 'a refused container credentials endpoint',
    provider: 'container',
    env: (port: number) => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}/credentials`, AWS_EC2_METADATA_DISABLED: 'true' }),
    reason: /ECONNREFUSED.*after 3 attempt/,
  },
  {
    what: 'IMDS refusing connections with AWS_METADATA_SERVICE_NUM_ATTEMPTS=3',
    provider: 'imds',
    env: (port: number) => ({ AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${port}`, AWS_METADATA_SERVICE_NUM_ATTEMPTS: '3' }),
    reason: /ECONNREFUSED/,
  },
];

describe.each(refused)('$what', ({ provider, env, reason }) => {
  const refusedEnv = async (): Promise<Record<string, string>> => ({
    HOME: real.home,
    AWS_ENDPOINT_URL_STS: real.mock.url,
    AWS_REGION: 'us-east-1',
    ...env(await closedPort()),
  });

  it('rolecall explain waits out the retries and exits 2 with the report', async () => {
    const run = await node([BIN, 'explain', '--json'], await refusedEnv());
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as { credentials: { ok: boolean; trace: Array<{ provider: string; outcome: string; reason: string }> } };
    expect(report.credentials.ok).toBe(false);
    expect(report.credentials.trace.find((s) => s.provider === provider)).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(reason) });
  });

  it('rolecall whoami waits out the retries and exits 2 naming the provider', async () => {
    const run = await node([BIN, 'whoami'], await refusedEnv());
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(provider);
    expect(run.stderr).toMatch(reason);
    expect(run.code).toBe(2);
  });
});
