// `rolecall can` as a user runs it: fresh `node bin/rolecall.js`
// processes against a spawned `rolecall mock --port 0` — the instance role's
// credentials from the mock's IMDS, alice's from env — and with local
// --policy-file documents and no endpoint. Exit 0 all allowed, 3 any denied,
// 2 could not decide.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runProcess, startRealMock, type RealMock } from './support/realProcess.js';

const ACCOUNT = '123456789012';
const DEMO = 'arn:aws:s3:::rolecall-demo';

let mock: RealMock;
let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'rolecall-can-'));
  mock = await startRealMock(home);
});
afterAll(async () => {
  await mock.close();
  await rm(home, { recursive: true, force: true });
});

/** On the instance: no keys in env, so the chain reaches the mock's IMDS. */
const onInstance = (args: readonly string[]) =>
  runProcess(process.execPath, [BIN, 'can', ...args], {
    HOME: home,
    AWS_EC2_METADATA_SERVICE_ENDPOINT: mock.url,
    AWS_ENDPOINT_URL_STS: mock.url,
    AWS_ENDPOINT_URL_IAM: mock.url,
  });

const asAlice = (args: readonly string[], extra: Record<string, string> = {}) =>
  runProcess(process.execPath, [BIN, 'can', ...args], {
    HOME: home,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_ENDPOINT_URL_STS: mock.url,
    AWS_ENDPOINT_URL_IAM: mock.url,
    ...extra,
  });

describe('rolecall can against rolecall mock', () => {
  it('the instance role may read the demo bucket: exit 0, the role named, the decisive policy shown', async () => {
    const run = await onInstance(['s3:GetObject', `${DEMO}/reports/q1.csv`]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `as arn:aws:iam::${ACCOUNT}:role/rolecall-app-role\nallowed: s3:GetObject on ${DEMO}/reports/q1.csv\n  decided by rolecall-app (role) line 1 column 38\n`,
    );
  });

  it('DeleteObject under protected/ is explicitly denied, elsewhere implicitly: exit 3, --json per contract', async () => {
    const run = await onInstance(['s3:DeleteObject', `${DEMO}/protected/plan.txt`, `${DEMO}/tmp/x`, '--json']);
    expect(run.code).toBe(3);
    const out = JSON.parse(run.stdout) as { principal: string; source: string; allowed: boolean; results: { resource: string; decision: string; decisive: { policy: string }[]; missingContext: string[] }[] };
    expect(out).toMatchObject({ principal: `arn:aws:iam::${ACCOUNT}:role/rolecall-app-role`, source: 'simulator', allowed: false });
    expect(out.results.map((r) => [r.resource, r.decision, r.decisive.map((d) => d.policy)])).toEqual([
      [`${DEMO}/protected/plan.txt`, 'explicitDeny', ['rolecall-app']],
      [`${DEMO}/tmp/x`, 'implicitDeny', []],
    ]);
  });

  it('alice (a user with env keys) simulates herself', async () => {
    const run = await asAlice(['iam:GetRole', `arn:aws:iam::${ACCOUNT}:role/rolecall-deploy`]);
    expect([run.code, run.stdout.split('\n')[1]]).toEqual([0, `allowed: iam:GetRole on arn:aws:iam::${ACCOUNT}:role/rolecall-deploy`]);
    expect((await asAlice(['iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/eve`])).code).toBe(3);
  });

  it('could not decide: no IAM endpoint answering, exit 2 with the cause', async () => {
    const run = await asAlice(['s3:GetObject'], { AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:9' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^rolecall can: could not decide: /);
    expect(run.stdout + run.stderr).not.toContain('wJalrXUtnFEMI');
  });
});

describe('rolecall can --policy-file (local documents, no endpoint)', () => {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ReadFromOffice', Effect: 'Allow', Action: 's3:GetObject', Resource: `${DEMO}/*`, Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
      { Sid: 'NeverProtected', Effect: 'Deny', Action: 's3:*', Resource: `${DEMO}/protected/*` },
    ],
  };
  const local = async (args: readonly string[]) => {
    const file = join(home, 'policy.json');
    await writeFile(file, JSON.stringify(policy));
    return runProcess(process.execPath, [BIN, 'can', ...args, '--policy-file', file], { HOME: home });
  };

  it('allowed with the context it needs (exit 0), the Sid shown', async () => {
    const run = await local(['s3:GetObject', `${DEMO}/a`, '--context', 'aws:SourceIp=203.0.113.7']);
    expect([run.code, run.stdout]).toEqual([0, `allowed: s3:GetObject on ${DEMO}/a\n  decided by ${join(home, 'policy.json')} Sid ReadFromOffice\n`]);
  });

  it('implicitly denied without the context, naming what was missing (exit 3)', async () => {
    const run = await local(['s3:GetObject', `${DEMO}/a`, '--json']);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout).results[0]).toEqual({ action: 's3:GetObject', resource: `${DEMO}/a`, decision: 'implicitDeny', decisive: [], missingContext: ['aws:SourceIp'] });
  });

  it('explicitly denied by the Deny statement (exit 3)', async () => {
    const run = await local(['s3:GetObject', `${DEMO}/protected/a`, '--context', 'aws:SourceIp=203.0.113.7', '--json']);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout).results[0]).toMatchObject({ decision: 'explicitDeny', decisive: [{ sid: 'NeverProtected', index: 1 }] });
  });

  it('a malformed document: could not decide (exit 2) with IAM\'s message; bad usage is 64', async () => {
    const file = join(home, 'bad.json');
    await writeFile(file, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] }));
    const run = await runProcess(process.execPath, [BIN, 'can', 's3:GetObject', '--policy-file', file], { HOME: home });
    expect([run.code, run.stderr]).toEqual([2, 'rolecall can: could not decide: Policy statement must contain resources. (MalformedPolicyDocument)\n']);
    expect((await runProcess(process.execPath, [BIN, 'can'], { HOME: home })).code).toBe(64);
  });
});
