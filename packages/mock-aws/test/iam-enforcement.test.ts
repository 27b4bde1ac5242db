/**
 * The mock enforces IAM policies on STS: the default config's
 * story through the official @aws-sdk/client-sts over the loopback server.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { createMockAws, makeWebIdentityToken, startMockServer } from '../src/index.js';
import type { MockAws, MockServer } from '../src/index.js';
import { instanceCredentials, rejection } from './instanceCredentials.js';

const ACCOUNT = '123456789012';
const ALICE = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const BOB = { accessKeyId: 'AKIAI44QH8DHBEXAMPLE', secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY' };
const role = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;

let mock: MockAws;
let server: MockServer;
let custom: MockAws;
let customServer: MockServer;
beforeAll(async () => {
  mock = createMockAws({}, { clockMode: 'real' });
  server = await startMockServer(mock, { port: 0 });
  custom = createMockAws(
    {
      users: [{ name: 'bob', ...BOB }],
      managedPolicies: { 'read-only-s3': { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }] } },
      roles: [
        { name: 'from-loopback', trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/bob` }, Action: 'sts:AssumeRole', Condition: { IpAddress: { 'aws:SourceIp': ['127.0.0.0/8', '::1/128'] }, StringEquals: { 'aws:PrincipalType': 'User', 'aws:username': 'bob' } } }] } },
        { name: 'from-office', trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/bob` }, Action: 'sts:AssumeRole', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }] } },
        { name: 'expired-offer', trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/bob` }, Action: 'sts:AssumeRole', Condition: { DateLessThan: { 'aws:CurrentTime': '2001-01-01T00:00:00Z' } } }] } },
        { name: 'glob-trust', trust: [`arn:aws:iam::${ACCOUNT}:user/b*`] },
        {
          name: 'from-the-instance',
          trustPolicy: {
            Version: '2012-10-17',
            Statement: [{
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/rolecall-app-role` },
              Action: 'sts:AssumeRole',
              Condition: { Null: { 'aws:TokenIssueTime': 'false' }, ArnLike: { 'ec2:SourceInstanceARN': `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-*` }, StringEquals: { 'aws:PrincipalType': 'AssumedRole' } },
            }],
          },
        },
      ],
    },
    { clockMode: 'real' },
  );
  customServer = await startMockServer(custom, { port: 0 });
});
beforeEach(() => {
  mock.reset();
  custom.reset();
});
afterAll(async () => {
  await server.close();
  await customServer.close();
});

const sts = (credentials: AwsCredentialIdentity, url = server.url) => new STSClient({ region: 'us-east-1', endpoint: url, credentials, maxAttempts: 1 });


describe('the mock enforces IAM policies on STS', () => {
  it('alice may assume rolecall-deploy (her policy and its trust policy both allow)', async () => {
    const out = await sts(ALICE).send(new AssumeRoleCommand({ RoleArn: role('rolecall-deploy'), RoleSessionName: 'alice' }));
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/rolecall-deploy/alice`);
  });

  it('alice may not assume rolecall-app-role: AccessDenied in AWS words', async () => {
    const e = await rejection(sts(ALICE).send(new AssumeRoleCommand({ RoleArn: role('rolecall-app-role'), RoleSessionName: 'alice' })));
    expect([e.name, e.$metadata?.httpStatusCode]).toEqual(['AccessDenied', 403]);
    expect(e.message).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: sts:AssumeRole on resource: ${role('rolecall-app-role')} because no identity-based policy allows the sts:AssumeRole action`,
    );
    // The mock keeps serving after a denial.
    expect((await sts(ALICE).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);
  });

  it('the instance role (IMDS credentials) may assume rolecall-deploy but not rolecall-web', async () => {
    const creds = await instanceCredentials(server.url);
    const ok = await sts(creds).send(new AssumeRoleCommand({ RoleArn: role('rolecall-deploy'), RoleSessionName: 'app' }));
    expect(ok.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/rolecall-deploy/app`);
    const e = await rejection(sts(creds).send(new AssumeRoleCommand({ RoleArn: role('rolecall-web'), RoleSessionName: 'app' })));
    expect(e.message).toBe(
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/rolecall-app-role/i-0abc1234def567890 is not authorized to perform: sts:AssumeRole on resource: ${role('rolecall-web')} because no identity-based policy allows the sts:AssumeRole action`,
    );
  });

  it('GetCallerIdentity needs no permission: a user without any policy may call it', async () => {
    expect((await sts(BOB, customServer.url).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/bob`);
  });

  it('session policies: PackedPolicySize is returned; a malformed one is refused with IAM\'s message', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::rolecall-demo/*' }] });
    const out = await sts(ALICE).send(new AssumeRoleCommand({ RoleArn: role('rolecall-deploy'), RoleSessionName: 'narrow', Policy: policy }));
    expect(out.PackedPolicySize).toBeGreaterThan(0);
    const bad = await rejection(sts(ALICE).send(new AssumeRoleCommand({ RoleArn: role('rolecall-deploy'), RoleSessionName: 'narrow', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] }) })));
    expect([bad.name, bad.message]).toEqual(['MalformedPolicyDocumentException', 'Policy statement must contain resources.']);
    const unknown = await rejection(sts(ALICE).send(new AssumeRoleCommand({ RoleArn: role('rolecall-deploy'), RoleSessionName: 'narrow', PolicyArns: [{ arn: `arn:aws:iam::${ACCOUNT}:policy/nope` }] })));
    expect(unknown.name).toBe('InvalidParameterValue');
  });

  it('managed session policies (PolicyArns) count towards PackedPolicySize', async () => {
    const out = await sts(BOB, customServer.url).send(new AssumeRoleCommand({ RoleArn: role('from-loopback'), RoleSessionName: 'bob', PolicyArns: [{ arn: `arn:aws:iam::${ACCOUNT}:policy/read-only-s3` }] }));
    expect(out.PackedPolicySize).toBeGreaterThan(0);
  });

  it('global context keys set by the mock decide trust conditions: aws:SourceIp, aws:PrincipalType, aws:username, aws:CurrentTime', async () => {
    const ok = await sts(BOB, customServer.url).send(new AssumeRoleCommand({ RoleArn: role('from-loopback'), RoleSessionName: 'bob' }));
    expect(ok.AssumedRoleUser?.Arn).toContain('assumed-role/from-loopback/bob');
    for (const name of ['from-office', 'expired-offer']) {
      const e = await rejection(sts(BOB, customServer.url).send(new AssumeRoleCommand({ RoleArn: role(name), RoleSessionName: 'bob' })));
      expect(e.name).toBe('AccessDenied');
    }
  });

  it('instance-role sessions carry aws:TokenIssueTime and ec2:SourceInstanceARN; users do not', async () => {
    const creds = await instanceCredentials(customServer.url);
    const ok = await sts(creds, customServer.url).send(new AssumeRoleCommand({ RoleArn: role('from-the-instance'), RoleSessionName: 'app' }));
    expect(ok.AssumedRoleUser?.Arn).toContain('assumed-role/from-the-instance/app');
    const e = await rejection(sts(BOB, customServer.url).send(new AssumeRoleCommand({ RoleArn: role('from-the-instance'), RoleSessionName: 'bob' })));
    expect(e.name).toBe('AccessDenied');
  });

  it('trust globs are shorthand for a trust policy (ArnLike on aws:PrincipalArn)', async () => {
    const ok = await sts(BOB, customServer.url).send(new AssumeRoleCommand({ RoleArn: role('glob-trust'), RoleSessionName: 'bob' }));
    expect(ok.AssumedRoleUser?.Arn).toContain('assumed-role/glob-trust/bob');
  });

  it('AssumeRoleWithWebIdentity evaluates the trust policy on the token claims (aud, sub)', async () => {
    const expiresAtMs = Date.now() + 600_000;
    const token = (sub: string, aud = 'sts.amazonaws.com', iss = 'https://token.actions.githubusercontent.com') => makeWebIdentityToken({ sub, aud, iss, expiresAtMs });
    const client = sts({ accessKeyId: 'unused', secretAccessKey: 'unused' });
    const ok = await client.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: role('rolecall-web'), RoleSessionName: 'gha', WebIdentityToken: token('repo:rolecall-org/web:ref:refs/heads/main') }));
    expect(ok.SubjectFromWebIdentityToken).toBe('repo:rolecall-org/web:ref:refs/heads/main');
    for (const t of [token('repo:rolecall-org/web:pull_request'), token('repo:evil-org/web:ref:refs/heads/main'), token('repo:rolecall-org/web:ref:refs/heads/main', 'other-audience'), token('x', 'sts.amazonaws.com', 'https://unknown.example')]) {
      const e = await rejection(client.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: role('rolecall-web'), RoleSessionName: 'gha', WebIdentityToken: t })));
      expect([e.name, e.message]).toEqual(['AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity']);
    }
  });
});
