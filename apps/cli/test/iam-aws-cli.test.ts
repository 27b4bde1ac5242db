// The AWS CLI (v1 on this machine), unchanged, against a spawned
// `rolecall mock --port 0`: the policy simulator offline, IAM reads
// and STS enforcement in AWS's words. Each `aws` runs in a fresh process with
// alice's keys in its env and an empty temporary HOME. Skipped where no `aws`
// is on PATH.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWebIdentityToken } from '@rolecall/mock-aws';
import { BIN, runProcess, startRealMock, type RealMock, type Run } from './support/realProcess.js';

const ACCOUNT = '123456789012';
const HAS_AWS = spawnSync('aws', ['--version'], { stdio: 'ignore', env: { PATH: process.env['PATH'] ?? '' } }).status === 0;

let mock: RealMock;
let url: string;
let home: string;

beforeAll(async () => {
  if (!HAS_AWS) return;
  home = await mkdtemp(join(tmpdir(), 'rolecall-aws-cli-'));
  mock = await startRealMock(home);
  url = mock.url;
});
afterAll(async () => {
  if (!HAS_AWS) return;
  await mock.close();
  await rm(home, { recursive: true, force: true });
});

/** `aws ARGS` as alice (env keys), no config files, endpoints passed as --endpoint-url unless `env` names them. */
function aws(args: readonly string[], env: Record<string, string> = {}, endpoint = true): Promise<Run> {
  return runProcess('aws', [...args, ...(endpoint ? ['--endpoint-url', url] : []), '--output', 'json'], {
    HOME: home,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(home, 'none-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'none-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...env,
  });
}

const decisions = (run: Run): string[][] => {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as { EvaluationResults: { EvalActionName: string; EvalDecision: string }[] }).EvaluationResults.map((r) => [r.EvalActionName, r.EvalDecision]);
};

// Each `aws` run is a Python start-up (about 1 s idle, several on a loaded machine).
const AWS_CLI_TEST_TIMEOUT_MS = 90_000;

describe.skipIf(!HAS_AWS)('the AWS CLI against rolecall mock', { timeout: AWS_CLI_TEST_TIMEOUT_MS }, () => {
  it('aws iam simulate-custom-policy answers per context: allowed, implicitDeny, explicitDeny', async () => {
    // Passed as the argument's text: CLI v1 reads `file://` for a list parameter as a list of characters.
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
        { Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/secret/*' },
      ],
    });
    const simulate = (resource: string, ip: string) =>
      aws(['iam', 'simulate-custom-policy', '--policy-input-list', doc, '--action-names', 's3:GetObject', '--resource-arns', resource,
        '--context-entries', `ContextKeyName=aws:SourceIp,ContextKeyValues=${ip},ContextKeyType=ip`]);
    expect(decisions(await simulate('arn:aws:s3:::bucket/a', '203.0.113.9'))).toEqual([['s3:GetObject', 'allowed']]);
    expect(decisions(await simulate('arn:aws:s3:::bucket/a', '198.51.100.1'))).toEqual([['s3:GetObject', 'implicitDeny']]);
    expect(decisions(await simulate('arn:aws:s3:::bucket/secret/x', '203.0.113.9'))).toEqual([['s3:GetObject', 'explicitDeny']]);
  });

  it('aws iam simulate-principal-policy on the default instance role, found through AWS_ENDPOINT_URL_IAM', async () => {
    const run = await aws(
      ['iam', 'simulate-principal-policy', '--policy-source-arn', `arn:aws:iam::${ACCOUNT}:role/rolecall-app-role`,
        '--action-names', 's3:GetObject', 's3:DeleteObject', '--resource-arns', 'arn:aws:s3:::rolecall-demo/protected/plan.txt'],
      { AWS_ENDPOINT_URL_IAM: url },
      false,
    );
    expect(decisions(run)).toEqual([['s3:GetObject', 'allowed'], ['s3:DeleteObject', 'explicitDeny']]);
  });

  it('aws iam get-role-policy shows the instance role\'s policy', async () => {
    const run = await aws(['iam', 'get-role-policy', '--role-name', 'rolecall-app-role', '--policy-name', 'rolecall-app']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { PolicyDocument: { Statement: { Sid: string; Effect: string }[] } };
    expect(out.PolicyDocument.Statement.find((s) => s.Sid === 'ProtectDemo')?.Effect).toBe('Deny');
  });

  it('aws sts assume-role as alice: rolecall-deploy succeeds, rolecall-app-role gets AccessDenied in AWS\'s words', async () => {
    const ok = await aws(['sts', 'assume-role', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/rolecall-deploy`, '--role-session-name', 'cli']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).AssumedRoleUser.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/rolecall-deploy/cli`);
    const denied = await aws(['sts', 'assume-role', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/rolecall-app-role`, '--role-session-name', 'cli']);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain(
      `An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/rolecall-app-role because no identity-based policy allows the sts:AssumeRole action`,
    );
  });

  it('aws sts assume-role-with-web-identity: a token whose sub does not match the trust policy is refused', async () => {
    const token = (sub: string) => makeWebIdentityToken({ sub, iss: 'https://token.actions.githubusercontent.com', aud: 'sts.amazonaws.com', expiresAtMs: Date.now() + 600_000 });
    const run = (sub: string) => aws(['sts', 'assume-role-with-web-identity', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/rolecall-web`, '--role-session-name', 'gha', '--web-identity-token', token(sub)]);
    expect((await run('repo:rolecall-org/web:ref:refs/heads/main')).code).toBe(0);
    const refused = await run('repo:rolecall-org/web:ref:refs/heads/feature');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('(AccessDenied) when calling the AssumeRoleWithWebIdentity operation: Not authorized to perform sts:AssumeRoleWithWebIdentity');
  });
});
