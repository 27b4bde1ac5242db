// Regression: one transient IMDS answer was fatal. A single 500 or
// 429 on the credentials GET failed the whole chain in milliseconds
// (`rolecall explain` exit 2), where the Go and Rust SDKs' IMDS clients retry.
// Shown in fresh processes against a spawned `rolecall mock --port 0`: the
// binary and a library script, with the faults injected over /_mock/faults.
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BIN, CORE_URL, node, useRealMock } from './support/realProcess.js';

const ROLE_PATH = '/latest/meta-data/iam/security-credentials/rolecall-app-role';

const real = useRealMock({
  'credentials.mjs': `import { defaultCredentials } from ${JSON.stringify(CORE_URL)};
const credentials = await defaultCredentials()();
console.log('source: ' + credentials.source);\n`,
});

beforeEach(async () => {
  // One 500, then one 429, on the role's credentials GET; the third attempt is answered.
  await real.mock.faults({
    rules: [
      { service: 'imds', path: ROLE_PATH, status: 500, times: 1 },
      { service: 'imds', path: ROLE_PATH, status: 429, times: 1 },
    ],
  });
});

/**
 * No keys, no profile: the chain reaches IMDS, which is the mock. A 5 s
 * request timeout: on a loaded machine the first token PUT of a fresh process
 * can take longer than the default 0.5 s, which would mean a v1 fallback.
 */
const imdsEnv = (): Record<string, string> => ({
  HOME: real.home,
  AWS_METADATA_SERVICE_TIMEOUT: '5',
  AWS_EC2_METADATA_SERVICE_ENDPOINT: real.mock.url,
  AWS_ENDPOINT_URL_STS: real.mock.url,
  AWS_REGION: 'us-east-1',
});

const roleGets = async (): Promise<number[]> => (await real.mock.journal()).filter((e) => e.service === 'imds' && e.path === ROLE_PATH).map((e) => e.status);

describe('one IMDS 500 and one 429 on the credentials GET', () => {
  it('rolecall explain retries them and the chain resolves from imds (exit 0)', async () => {
    const run = await node([BIN, 'explain', '--json'], imdsEnv());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { credentials: { ok: boolean; source: string } };
    expect(report.credentials).toMatchObject({ ok: true, source: 'imds' });
    expect(await roleGets()).toEqual([500, 429, 200]);
  });

  it('a library script gets the instance role credentials through defaultCredentials()', async () => {
    const run = await node([join(real.dir, 'credentials.mjs')], imdsEnv());
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('source: imds\n');
    expect(run.code).toBe(0);
    expect(await roleGets()).toEqual([500, 429, 200]);
  });
});
