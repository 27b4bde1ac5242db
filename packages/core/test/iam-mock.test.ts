/**
 * The core's IAM operations through the signed client against the
 * mock's IAM on its in-process dispatcher: the same Query client as STS,
 * signed for `iam`, errors as typed AwsServiceErrors.
 */
import { describe, expect, it } from 'vitest';
import { createMockAws, mockDispatcher } from '@rolecall/mock-aws';
import { AwsServiceError, createClient, createVirtualClock, fromStatic, simulateCustomPolicy, simulatePrincipalPolicy } from '../src/index.js';

const ALICE = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const ACCOUNT = '123456789012';

function client() {
  const mock = createMockAws({});
  const clock = createVirtualClock(mock.clock.now());
  return createClient({ dispatcher: mockDispatcher(mock), endpoint: 'http://iam.mock.test', env: {}, clock, credentials: fromStatic(ALICE) });
}

describe('IAM operations against the mock', () => {
  it('simulatePrincipalPolicy decides per action, with the decisive statement', async () => {
    const out = await simulatePrincipalPolicy(client(), {
      PolicySourceArn: `arn:aws:iam::${ACCOUNT}:role/rolecall-app-role`,
      ActionNames: ['s3:GetObject', 's3:DeleteObject'],
      ResourceArns: ['arn:aws:s3:::rolecall-demo/protected/a'],
    });
    expect(out.EvaluationResults.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision])).toEqual([
      ['s3:GetObject', 'arn:aws:s3:::rolecall-demo/protected/a', 'allowed'],
      ['s3:DeleteObject', 'arn:aws:s3:::rolecall-demo/protected/a', 'explicitDeny'],
    ]);
    expect(out.EvaluationResults[1]?.MatchedStatements[0]).toMatchObject({ SourcePolicyId: 'rolecall-app', SourcePolicyType: 'role', StartPosition: { Line: 1 } });
  });

  it('simulateCustomPolicy reports missing context values', async () => {
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }] });
    const missing = await simulateCustomPolicy(client(), { PolicyInputList: [doc], ActionNames: ['s3:GetObject'] });
    expect(missing.EvaluationResults[0]).toMatchObject({ EvalDecision: 'implicitDeny', MissingContextValues: ['aws:SecureTransport'] });
    const given = await simulateCustomPolicy(client(), { PolicyInputList: [doc], ActionNames: ['s3:GetObject'], ContextEntries: [{ ContextKeyName: 'aws:SecureTransport', ContextKeyValues: ['true'], ContextKeyType: 'boolean' }] });
    expect(given.EvaluationResults[0]?.EvalDecision).toBe('allowed');
  });

  it('a refused simulation is a typed AwsServiceError with IAM\'s code', async () => {
    const error = await simulatePrincipalPolicy(client(), { PolicySourceArn: `arn:aws:iam::${ACCOUNT}:role/nope`, ActionNames: ['s3:GetObject'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsServiceError);
    expect(error).toMatchObject({ code: 'ERR_ROLECALL_AWS_SERVICE', awsCode: 'NoSuchEntity', statusCode: 404, service: 'iam', action: 'SimulatePrincipalPolicy' });
  });
});
