import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileArnPattern, compileGlob, evaluate, matchArn, matchGlob, parsePolicy, type Policy } from '@rolecall/iam-policy';

const ALICE = { arn: 'arn:aws:iam::123456789012:user/alice' };
const actions = ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 'ec2:RunInstances', 'iam:GetRole'];
const actionPatterns = ['*', 's3:*', 's3:Get*', 's3:?utObject', 'ec2:*', 'iam:Get*', 's3:GetObject', 'S3:LIST*'];
const resources = ['arn:aws:s3:::a/x', 'arn:aws:s3:::a/y/z', 'arn:aws:s3:::b', 'arn:aws:iam::123456789012:role/r', '*'];
const resourcePatterns = ['*', 'arn:aws:s3:::a/*', 'arn:aws:s3:::?', 'arn:aws:s3:::*/y/*', 'arn:aws:iam::*:role/*', 'arn:aws:s3:::a/${aws:username}'];
const conditions = [
  undefined,
  { StringEquals: { 'aws:PrincipalTag/team': 'web' } },
  { StringNotEquals: { 'aws:PrincipalTag/team': 'web' } },
  { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { BoolIfExists: { 'aws:SecureTransport': 'true' } },
  { 'ForAllValues:StringLike': { 'aws:TagKeys': ['env*'] } },
];

const statement = (effect?: 'Allow' | 'Deny') =>
  fc.record({
    Effect: effect ? fc.constant(effect) : fc.constantFrom('Allow', 'Deny'),
    action: fc.subarray(actionPatterns, { minLength: 1, maxLength: 3 }),
    notAction: fc.boolean(),
    resource: fc.subarray(resourcePatterns, { minLength: 1, maxLength: 3 }),
    notResource: fc.boolean(),
    Condition: fc.constantFrom(...conditions),
  }).map((s) => ({
    Effect: s.Effect,
    [s.notAction ? 'NotAction' : 'Action']: s.action,
    [s.notResource ? 'NotResource' : 'Resource']: s.resource,
    ...(s.Condition ? { Condition: s.Condition } : {}),
  }));

const request = fc.record({
  action: fc.constantFrom(...actions),
  resource: fc.constantFrom(...resources),
  context: fc.record(
    {
      'aws:PrincipalTag/team': fc.constantFrom('web', 'api'),
      'aws:SourceIp': fc.constantFrom('10.1.2.3', '192.0.2.1'),
      'aws:SecureTransport': fc.constantFrom('true', 'false'),
      'aws:TagKeys': fc.subarray(['env', 'envx', 'team']),
      'aws:username': fc.constantFrom('x', 'alice'),
    },
    { requiredKeys: [] },
  ),
});

const policy = (statements: readonly object[]): Policy => parsePolicy({ Version: '2012-10-17', Statement: statements }, { kind: 'identity', id: 'p' });
type Req = typeof request extends fc.Arbitrary<infer T> ? T : never;
const decide = (statements: readonly object[], r: Req) =>
  evaluate({ principal: ALICE, action: r.action, resource: r.resource, context: r.context }, { identity: [policy(statements)] }).decision;

describe('policy properties', () => {
  it('adding a Deny statement never turns a denial into an allow', () => {
    fc.assert(
      fc.property(fc.array(statement(), { maxLength: 5 }), statement('Deny'), request, (statements, deny, r) => {
        const before = decide(statements, r);
        const after = decide([...statements, deny], r);
        if (before !== 'allowed') expect(after).not.toBe('allowed');
        if (before === 'explicitDeny') expect(after).toBe('explicitDeny');
      }),
      { numRuns: 500 },
    );
  });

  it('adding an Allow statement never turns an explicit deny into an allow', () => {
    fc.assert(
      fc.property(fc.array(statement(), { maxLength: 5 }), statement('Allow'), request, (statements, allow, r) => {
        fc.pre(decide(statements, r) === 'explicitDeny');
        expect(decide([...statements, allow], r)).toBe('explicitDeny');
      }),
      { numRuns: 300 },
    );
  });

  it('an Allow on Resource "*" allows whatever the same statement with a narrower Resource allows', () => {
    fc.assert(
      fc.property(statement('Allow'), request, (s, r) => {
        const narrow = { ...s } as Record<string, unknown>;
        if (!('Resource' in narrow)) return;
        const wide = { ...narrow, Resource: '*' };
        if (decide([narrow], r) === 'allowed') expect(decide([wide], r)).toBe('allowed');
      }),
      { numRuns: 500 },
    );
  });

  const text = fc.string({ unit: fc.constantFrom('a', 'b', ':', '/', '*', '?'), maxLength: 14 });
  it('an ARN pattern "*" matches every value any pattern matches', () => {
    fc.assert(
      fc.property(text, text, (pattern, value) => {
        if (matchArn(compileArnPattern(pattern), value)) expect(matchArn(compileArnPattern('*'), value)).toBe(true);
      }),
    );
  });

  // A plain backtracking reference, fine for short strings: the matcher must agree with it.
  const reference = (p: string, v: string): boolean =>
    p === '' ? v === '' : p[0] === '*' ? reference(p.slice(1), v) || (v !== '' && reference(p, v.slice(1))) : v !== '' && (p[0] === '?' || p[0] === v[0]) && reference(p.slice(1), v.slice(1));

  it('the glob matcher agrees with a reference matcher', () => {
    const unit = fc.constantFrom('a', 'b', '*', '?');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 8 }), fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 10 }), (p, v) => {
        expect(matchGlob(compileGlob(p), v)).toBe(reference(p, v));
      }),
      { numRuns: 3000 },
    );
  });

  // IAM's split: at the first five colons, the sixth part keeping any further ones.
  const arnParts = (s: string): string[] => {
    const parts = s.split(':');
    return parts.length > 6 ? [...parts.slice(0, 5), parts.slice(5).join(':')] : parts;
  };
  const referenceArn = (p: string, v: string): boolean => {
    const [pp, vp] = [arnParts(p), arnParts(v)];
    if (pp.length === 1) return reference(p, v);
    if (vp.length < pp.length) return false;
    const last = pp.length - 1;
    return pp.slice(0, last).every((part, i) => reference(part, vp[i]!)) && reference(pp[last]!, vp.slice(last).join(':'));
  };

  it('the ARN matcher (parts matched in place) agrees with matching the split parts', () => {
    const unit = fc.constantFrom('a', 'b', ':', '*', '?');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), fc.string({ unit: fc.constantFrom('a', 'b', ':'), maxLength: 14 }), (p, v) => {
        expect(matchArn(compileArnPattern(p), v)).toBe(referenceArn(p, v));
      }),
      { numRuns: 3000 },
    );
  });

  it('parsing never throws anything but MalformedPolicyError on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('identity', 'trust', 'resource') as fc.Arbitrary<'identity' | 'trust' | 'resource'>, (value, kind) => {
        try {
          parsePolicy(value, { kind });
        } catch (error) {
          expect((error as { awsCode?: string }).awsCode).toBe('MalformedPolicyDocument');
        }
      }),
      { numRuns: 500 },
    );
  });
});
