import { describe, expect, it } from 'vitest';
import { evaluate, parsePolicy } from '@rolecall/iam-policy';

const principal = { arn: 'arn:aws:iam::123456789012:user/alice' };
const policy = parsePolicy(
  {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { NumericLessThanEquals: { 's3:max-keys': '100' } } }],
  },
  { kind: 'identity', id: 'keys' },
);
const decide = (context: Record<string, string | number>) => evaluate({ principal, action: 's3:ListBucket', resource: '*', context }, { identity: [policy] });

describe('request context keys', () => {
  it('are found whatever their case, numbers read as their text', () => {
    expect(decide({ 'S3:Max-Keys': 50 }).decision).toBe('allowed');
    expect(decide({ 'S3:MAX-KEYS': '500' }).decision).toBe('implicitDeny');
  });

  it('reports a key no spelling of which the request carries', () => {
    const result = decide({ 's3:prefix': 'a/' });
    expect(result.decision).toBe('implicitDeny');
    expect(result.missingContextKeys).toEqual(['s3:max-keys']);
  });

  it('take the last of two spellings that fold the same when neither is the policy spelling', () => {
    expect(decide({ 'S3:Max-Keys': 500, 'S3:MAX-KEYS': 5 }).decision).toBe('allowed');
    expect(decide({ 'S3:Max-Keys': 5, 'S3:MAX-KEYS': 500 }).decision).toBe('implicitDeny');
  });
});
