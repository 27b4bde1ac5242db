/**
 * The IAM Query subset through the official @aws-sdk/client-iam
 * over the loopback server, signed for `iam`, authorised by the default
 * config's policies.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  GetInstanceProfileCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { createMockAws, startMockServer } from '../src/index.js';
import type { MockAws, MockServer } from '../src/index.js';
import { instanceCredentials, rejection } from './instanceCredentials.js';

const ACCOUNT = '123456789012';
const ALICE = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const APP_ROLE = `arn:aws:iam::${ACCOUNT}:role/rolecall-app-role`;

let mock: MockAws;
let server: MockServer;
beforeAll(async () => {
  mock = createMockAws({}, { clockMode: 'real' });
  server = await startMockServer(mock, { port: 0 });
});
beforeEach(() => mock.reset());
afterAll(() => server.close());

const iam = (credentials: AwsCredentialIdentity = ALICE) => new IAMClient({ region: 'us-east-1', endpoint: server.url, credentials, maxAttempts: 1 });


const DOC = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'FromOffice', Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
    { Sid: 'NoSecrets', Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/secret/*' },
  ],
});

describe('IAM through @aws-sdk/client-iam', () => {
  it('SimulateCustomPolicy answers per context: allowed, implicitDeny, explicitDeny, missing context', async () => {
    const run = (resource: string, ip?: string) =>
      iam().send(new SimulateCustomPolicyCommand({
        PolicyInputList: [DOC],
        ActionNames: ['s3:GetObject'],
        ResourceArns: [resource],
        ...(ip ? { ContextEntries: [{ ContextKeyName: 'aws:SourceIp', ContextKeyType: 'ip', ContextKeyValues: [ip] }] } : {}),
      }));
    const allowed = (await run('arn:aws:s3:::bucket/a', '203.0.113.5')).EvaluationResults![0]!;
    expect([allowed.EvalDecision, allowed.EvalResourceName]).toEqual(['allowed', 'arn:aws:s3:::bucket/a']);
    expect(allowed.MatchedStatements?.[0]).toMatchObject({ SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'IAM Policy', StartPosition: { Line: 1, Column: 38 } });
    expect((await run('arn:aws:s3:::bucket/a', '198.51.100.1')).EvaluationResults![0]!.EvalDecision).toBe('implicitDeny');
    const denied = (await run('arn:aws:s3:::bucket/secret/x', '203.0.113.5')).EvaluationResults![0]!;
    expect(denied.EvalDecision).toBe('explicitDeny');
    expect(denied.MatchedStatements?.map((m) => m.SourcePolicyId)).toEqual(['PolicyInputList.1']);
    const missing = (await run('arn:aws:s3:::bucket/a')).EvaluationResults![0]!;
    expect([missing.EvalDecision, missing.MissingContextValues]).toEqual(['implicitDeny', ['aws:SourceIp']]);
  });

  it('SimulateCustomPolicy refuses a malformed document with IAM\'s message', async () => {
    const e = await rejection(iam().send(new SimulateCustomPolicyCommand({ PolicyInputList: ['{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}'], ActionNames: ['s3:GetObject'] })));
    expect([e.name, e.message]).toEqual(['MalformedPolicyDocumentException', 'Policy statement must contain actions.']);
  });

  it('SimulatePrincipalPolicy on the default instance role: GetObject allowed, DeleteObject under protected/ explicitly denied', async () => {
    const out = await iam().send(new SimulatePrincipalPolicyCommand({
      PolicySourceArn: APP_ROLE,
      ActionNames: ['s3:GetObject', 's3:DeleteObject', 'ec2:RunInstances'],
      ResourceArns: ['arn:aws:s3:::rolecall-demo/protected/plan.txt'],
    }));
    expect(out.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ['s3:GetObject', 'allowed'],
      ['s3:DeleteObject', 'explicitDeny'],
      ['ec2:RunInstances', 'implicitDeny'],
    ]);
    expect(out.EvaluationResults?.[1]?.MatchedStatements?.[0]).toMatchObject({ SourcePolicyId: 'rolecall-app', SourcePolicyType: 'role' });
  });

  it('the instance role may simulate itself, not alice', async () => {
    const creds = await instanceCredentials(server.url);
    const self = await iam(creds).send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: APP_ROLE, ActionNames: ['s3:ListBucket'], ResourceArns: ['arn:aws:s3:::rolecall-demo'] }));
    expect(self.EvaluationResults?.[0]?.EvalDecision).toBe('allowed');
    const e = await rejection(iam(creds).send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/alice`, ActionNames: ['s3:ListBucket'] })));
    expect([e.name, e.$metadata?.httpStatusCode]).toEqual(['AccessDenied', 403]);
    expect(e.message).toBe(
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/rolecall-app-role/i-0abc1234def567890 is not authorized to perform: iam:SimulatePrincipalPolicy on resource: arn:aws:iam::${ACCOUNT}:user/alice because no identity-based policy allows the iam:SimulatePrincipalPolicy action`,
    );
  });

  it('reads what a role and a user hold: GetRole, ListRolePolicies, GetRolePolicy, ListAttachedRolePolicies, GetInstanceProfile, GetUser, ListUserPolicies, GetUserPolicy', async () => {
    const role = await iam().send(new GetRoleCommand({ RoleName: 'rolecall-app-role' }));
    expect(role.Role?.Arn).toBe(APP_ROLE);
    expect(JSON.parse(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!)).Statement[0].Principal).toEqual({ Service: 'ec2.amazonaws.com' });
    expect((await iam().send(new ListRolePoliciesCommand({ RoleName: 'rolecall-app-role' }))).PolicyNames).toEqual(['rolecall-app']);
    const policy = await iam().send(new GetRolePolicyCommand({ RoleName: 'rolecall-app-role', PolicyName: 'rolecall-app' }));
    expect(JSON.parse(decodeURIComponent(policy.PolicyDocument!)).Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['ReadDemo', 'AssumeDeploy', 'SimulateSelf', 'ProtectDemo']);
    expect((await iam().send(new ListAttachedRolePoliciesCommand({ RoleName: 'rolecall-app-role' }))).AttachedPolicies).toEqual([]);
    const profile = await iam().send(new GetInstanceProfileCommand({ InstanceProfileName: 'rolecall-app-role' }));
    expect(profile.InstanceProfile?.Roles?.[0]?.RoleName).toBe('rolecall-app-role');
    expect((await iam().send(new GetUserCommand({}))).User?.UserName).toBe('alice');
    expect((await iam().send(new ListUserPoliciesCommand({ UserName: 'alice' }))).PolicyNames).toEqual(['developer-read-only']);
    const userPolicy = await iam().send(new GetUserPolicyCommand({ UserName: 'alice', PolicyName: 'developer-read-only' }));
    expect(decodeURIComponent(userPolicy.PolicyDocument!)).toContain('iam:Simulate*');
  });

  it('answers NoSuchEntity for what does not exist, and keeps serving', async () => {
    const e = await rejection(iam().send(new GetRoleCommand({ RoleName: 'nope' })));
    expect([e.name, e.message, e.$metadata?.httpStatusCode]).toEqual(['NoSuchEntityException', 'The role with name nope cannot be found.', 404]);
    expect((await iam().send(new GetUserCommand({}))).User?.UserName).toBe('alice');
  });

  it('a session policy narrows what the session may read', async () => {
    const sts = new STSClient({ region: 'us-east-1', endpoint: server.url, credentials: ALICE, maxAttempts: 1 });
    const narrow = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListRolePolicies', Resource: '*' }] });
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/rolecall-deploy`, RoleSessionName: 'narrow', Policy: narrow }));
    const c = out.Credentials!;
    const session = iam({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });
    expect((await session.send(new ListRolePoliciesCommand({ RoleName: 'rolecall-deploy' }))).PolicyNames).toEqual(['deploy']);
    const e = await rejection(session.send(new GetRoleCommand({ RoleName: 'rolecall-deploy' })));
    expect(e.message).toMatch(/is not authorized to perform: iam:GetRole on resource: .* because no session policy allows the iam:GetRole action$/);
    expect(mock.journal().filter((j) => j.service === 'iam').map((j) => [j.action, j.status])).toEqual([
      ['ListRolePolicies', 200],
      ['GetRole', 403],
    ]);
  });

  it('a fault rule for service "iam" fails IAM calls on the shared endpoint and leaves STS alone', async () => {
    mock.setFaults({ rules: [{ service: 'iam', action: 'GetUser', status: 400, code: 'Throttling', times: 1 }] });
    const e = await rejection(iam().send(new GetUserCommand({})));
    expect([e.name, e.$metadata?.httpStatusCode]).toEqual(['Throttling', 400]);
    expect((await iam().send(new GetUserCommand({}))).User?.UserName).toBe('alice');
    mock.setFaults({ rules: [{ service: 'iam', status: 500 }] });
    const sts = new STSClient({ region: 'us-east-1', endpoint: server.url, credentials: ALICE, maxAttempts: 1 });
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/rolecall-deploy`, RoleSessionName: 'unfaulted' }));
    expect(out.Credentials?.AccessKeyId).toBeDefined();
    expect(mock.journal().map((j) => [j.service, j.action, j.status, j.fault])).toEqual([
      ['iam', 'GetUser', 400, 'rules[0]:status=400 Throttling'],
      ['iam', 'GetUser', 200, null],
      ['sts', 'AssumeRole', 200, null],
    ]);
  });
});
