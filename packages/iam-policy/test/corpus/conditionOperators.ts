import type { ContextInput, Decision } from '@rolecall/iam-policy';
import { ALICE, doc, type Case, type Group } from './Corpus.js';

type Row = readonly [context: Readonly<Record<string, ContextInput>> | undefined, expect: Decision, missing?: readonly string[]];

/** One Allow statement with one condition; each row a request context and the decision. */
function family(name: string, condition: object, rows: readonly Row[]): Group {
  return {
    name,
    principal: ALICE,
    identity: [doc({ Sid: 'Conditional', Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition })],
    cases: rows.map(([context, expect, missing]): Case => ({
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::bucket/key',
      ...(context ? { context } : {}),
      expect,
      ...(missing ? { missing } : {}),
    })),
  };
}

const A = 'allowed';
const D = 'implicitDeny';

/** Every condition operator family, its negation, IfExists and the set operators. */
export const conditionOperators: readonly Group[] = [
  family('StringEquals: exact, case-sensitive; values ORed', { StringEquals: { 'aws:PrincipalTag/team': ['web', 'api'] } }, [
    [{ 'aws:PrincipalTag/team': 'web' }, A],
    [{ 'aws:PrincipalTag/team': 'api' }, A],
    [{ 'aws:PrincipalTag/team': 'Web' }, D],
    [{ 'aws:PrincipalTag/team': 'web ' }, D],
    [{ 'aws:principaltag/team': 'web' }, A], // key names are case-insensitive
    [undefined, D, ['aws:PrincipalTag/team']],
  ]),
  family('StringNotEquals: none of the values; a missing key satisfies it', { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } }, [
    [{ 'aws:RequestedRegion': 'us-west-2' }, A],
    [{ 'aws:RequestedRegion': 'us-east-1' }, D],
    [{ 'aws:RequestedRegion': 'eu-west-1' }, D],
    [undefined, A, ['aws:RequestedRegion']],
  ]),
  family('StringEqualsIgnoreCase', { StringEqualsIgnoreCase: { 'aws:PrincipalTag/dept': 'Finance' } }, [
    [{ 'aws:PrincipalTag/dept': 'finance' }, A],
    [{ 'aws:PrincipalTag/dept': 'FINANCE' }, A],
    [{ 'aws:PrincipalTag/dept': 'fin' }, D],
    [undefined, D],
  ]),
  family('StringNotEqualsIgnoreCase', { StringNotEqualsIgnoreCase: { 'aws:PrincipalTag/dept': 'Finance' } }, [
    [{ 'aws:PrincipalTag/dept': 'FINANCE' }, D],
    [{ 'aws:PrincipalTag/dept': 'legal' }, A],
    [undefined, A],
  ]),
  family('StringLike: * and ? wildcards, case-sensitive', { StringLike: { 's3:prefix': ['home/*', 'tmp/?.log'] } }, [
    [{ 's3:prefix': 'home/alice/notes' }, A],
    [{ 's3:prefix': 'home/' }, A],
    [{ 's3:prefix': 'tmp/a.log' }, A],
    [{ 's3:prefix': 'tmp/ab.log' }, D],
    [{ 's3:prefix': 'Home/alice' }, D],
    [{ 's3:prefix': 'public/home/x' }, D],
    [undefined, D, ['s3:prefix']],
  ]),
  family('StringNotLike', { StringNotLike: { 's3:prefix': 'secret/*' } }, [
    [{ 's3:prefix': 'secret/plans' }, D],
    [{ 's3:prefix': 'public/plans' }, A],
    [{ 's3:prefix': 'secretive' }, A],
    [undefined, A],
  ]),
  family('StringEqualsIfExists: absent passes, present must match', { StringEqualsIfExists: { 'ec2:InstanceType': ['t3.micro', 't3.small'] } }, [
    [{ 'ec2:InstanceType': 't3.micro' }, A],
    [{ 'ec2:InstanceType': 'm5.large' }, D],
    [undefined, A, ['ec2:InstanceType']],
  ]),
  family('StringNotLikeIfExists', { StringNotLikeIfExists: { 'aws:userid': '*:temp-*' } }, [
    [{ 'aws:userid': 'AROAEXAMPLE:temp-1' }, D],
    [{ 'aws:userid': 'AIDAEXAMPLE' }, A],
    [undefined, A],
  ]),
  family('NumericEquals', { NumericEquals: { 's3:max-keys': '10' } }, [
    [{ 's3:max-keys': '10' }, A],
    [{ 's3:max-keys': '10.0' }, A],
    [{ 's3:max-keys': 10 }, A],
    [{ 's3:max-keys': '11' }, D],
    [{ 's3:max-keys': 'ten' }, D],
    [undefined, D, ['s3:max-keys']],
  ]),
  family('NumericNotEquals', { NumericNotEquals: { 's3:max-keys': '10' } }, [
    [{ 's3:max-keys': '10' }, D],
    [{ 's3:max-keys': '9' }, A],
    [undefined, A],
  ]),
  family('NumericLessThan', { NumericLessThan: { 's3:max-keys': '10' } }, [
    [{ 's3:max-keys': '9' }, A],
    [{ 's3:max-keys': '-1' }, A],
    [{ 's3:max-keys': '10' }, D],
    [{ 's3:max-keys': '11' }, D],
    [undefined, D],
  ]),
  family('NumericLessThanEquals', { NumericLessThanEquals: { 's3:max-keys': '10' } }, [
    [{ 's3:max-keys': '10' }, A],
    [{ 's3:max-keys': '9.5' }, A],
    [{ 's3:max-keys': '10.01' }, D],
  ]),
  family('NumericGreaterThan', { NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' } }, [
    [{ 'aws:MultiFactorAuthAge': '3601' }, A],
    [{ 'aws:MultiFactorAuthAge': '3600' }, D],
    [{ 'aws:MultiFactorAuthAge': '5' }, D],
  ]),
  family('NumericGreaterThanEquals', { NumericGreaterThanEquals: { 'aws:MultiFactorAuthAge': '3600' } }, [
    [{ 'aws:MultiFactorAuthAge': '3600' }, A],
    [{ 'aws:MultiFactorAuthAge': '3599' }, D],
  ]),
  family('NumericLessThanIfExists: the MFA-age pattern', { NumericLessThanIfExists: { 'aws:MultiFactorAuthAge': '3600' } }, [
    [{ 'aws:MultiFactorAuthAge': '100' }, A],
    [{ 'aws:MultiFactorAuthAge': '7200' }, D],
    [undefined, A],
  ]),
  family('DateLessThan: ISO 8601', { DateLessThan: { 'aws:CurrentTime': '2026-12-31T00:00:00Z' } }, [
    [{ 'aws:CurrentTime': '2026-12-05T08:00:00Z' }, A],
    [{ 'aws:CurrentTime': '2026-12-31T00:00:00Z' }, D],
    [{ 'aws:CurrentTime': '2027-01-01T00:00:00Z' }, D],
    [{ 'aws:CurrentTime': 'not a date' }, D],
    [undefined, D, ['aws:CurrentTime']],
  ]),
  family('DateGreaterThan: epoch seconds on either side', { DateGreaterThan: { 'aws:EpochTime': '1767225600' } }, [
    [{ 'aws:EpochTime': '1767225601' }, A],
    [{ 'aws:EpochTime': '1767225600' }, D],
    [{ 'aws:EpochTime': '2026-01-01T00:00:01Z' }, A],
    [{ 'aws:EpochTime': '2025-12-31T23:59:59Z' }, D],
  ]),
  family('DateEquals', { DateEquals: { 'aws:TokenIssueTime': '2026-12-05T08:00:00Z' } }, [
    [{ 'aws:TokenIssueTime': '2026-12-05T08:00:00.000Z' }, A],
    [{ 'aws:TokenIssueTime': '2026-12-05T09:00:00+01:00' }, A],
    [{ 'aws:TokenIssueTime': '2026-12-05T08:00:01Z' }, D],
  ]),
  family('DateNotEquals', { DateNotEquals: { 'aws:TokenIssueTime': '2026-12-05T08:00:00Z' } }, [
    [{ 'aws:TokenIssueTime': '2026-12-05T08:00:00Z' }, D],
    [{ 'aws:TokenIssueTime': '2026-12-05T08:00:01Z' }, A],
    [undefined, A],
  ]),
  family('DateLessThanEquals and DateGreaterThanEquals: a window', {
    DateGreaterThanEquals: { 'aws:CurrentTime': '2026-12-01T00:00:00Z' },
    DateLessThanEquals: { 'aws:CurrentTime': '2026-12-31T23:59:59Z' },
  }, [
    [{ 'aws:CurrentTime': '2026-12-01T00:00:00Z' }, A],
    [{ 'aws:CurrentTime': '2026-12-31T23:59:59Z' }, A],
    [{ 'aws:CurrentTime': '2026-11-30T23:59:59Z' }, D],
    [{ 'aws:CurrentTime': '2027-01-01T00:00:00Z' }, D],
  ]),
  family('Bool', { Bool: { 'aws:SecureTransport': 'true' } }, [
    [{ 'aws:SecureTransport': 'true' }, A],
    [{ 'aws:SecureTransport': 'TRUE' }, A],
    [{ 'aws:SecureTransport': true }, A],
    [{ 'aws:SecureTransport': 'false' }, D],
    [{ 'aws:SecureTransport': 'yes' }, D],
    [undefined, D, ['aws:SecureTransport']],
  ]),
  family('BoolIfExists: false when present and false only', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }, [
    [{ 'aws:MultiFactorAuthPresent': 'true' }, A],
    [{ 'aws:MultiFactorAuthPresent': 'false' }, D],
    [undefined, A],
  ]),
  family('BinaryEquals: base64 values compared as bytes', { BinaryEquals: { 'aws:PrincipalTag/blob': 'QmluYXJ5VmFsdWU=' } }, [
    [{ 'aws:PrincipalTag/blob': 'QmluYXJ5VmFsdWU=' }, A],
    [{ 'aws:PrincipalTag/blob': 'QmluYXJ5VmFsdWU' }, A], // unpadded base64 of the same bytes
    [{ 'aws:PrincipalTag/blob': 'T3RoZXJWYWx1ZQ==' }, D],
    [undefined, D],
  ]),
  family('IpAddress: CIDR ranges, IPv4 and IPv6', { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32', '198.51.100.7'] } }, [
    [{ 'aws:SourceIp': '203.0.113.1' }, A],
    [{ 'aws:SourceIp': '203.0.113.255' }, A],
    [{ 'aws:SourceIp': '203.0.114.1' }, D],
    [{ 'aws:SourceIp': '198.51.100.7' }, A],
    [{ 'aws:SourceIp': '198.51.100.8' }, D],
    [{ 'aws:SourceIp': '2001:db8:1234::1' }, A],
    [{ 'aws:SourceIp': '2001:db9::1' }, D],
    [{ 'aws:SourceIp': 'not-an-ip' }, D],
    [undefined, D, ['aws:SourceIp']],
  ]),
  family('IpAddress: /0 and odd prefix lengths', { IpAddress: { 'aws:SourceIp': ['10.0.0.0/9'] } }, [
    [{ 'aws:SourceIp': '10.127.255.255' }, A],
    [{ 'aws:SourceIp': '10.128.0.0' }, D],
  ]),
  family('NotIpAddress', { NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' } }, [
    [{ 'aws:SourceIp': '192.0.2.10' }, D],
    [{ 'aws:SourceIp': '10.1.2.3' }, A],
    [undefined, A],
  ]),
  family('ArnEquals: each ARN part matched on its own, wildcards allowed', { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:topic-*' } }, [
    [{ 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:topic-a' }, A],
    [{ 'aws:SourceArn': 'arn:aws:sns:eu-west-1:123456789012:topic-' }, A],
    [{ 'aws:SourceArn': 'arn:aws:sns:us-east-1:210987654321:topic-a' }, D],
    [{ 'aws:SourceArn': 'arn:aws:sqs:us-east-1:123456789012:topic-a' }, D],
    [{ 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012' }, D],
  ]),
  family('ArnLike: a * in one part does not cross a colon', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin-*' } }, [
    [{ 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/admin-ops' }, A],
    [{ 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/ops' }, D],
    [{ 'aws:PrincipalArn': 'arn:aws:iam::123456789012:user/admin-ops' }, D],
    [{ 'aws:PrincipalArn': 'arn:aws:iam:us-east-1:123456789012:role/admin-x' }, D], // region part must be empty
    [undefined, D, ['aws:PrincipalArn']],
  ]),
  family('ArnNotEquals', { ArnNotEquals: { 'aws:SourceArn': 'arn:aws:s3:::trusted-bucket' } }, [
    [{ 'aws:SourceArn': 'arn:aws:s3:::trusted-bucket' }, D],
    [{ 'aws:SourceArn': 'arn:aws:s3:::other-bucket' }, A],
    [undefined, A],
  ]),
  family('ArnNotLike', { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/break-glass*' } }, [
    [{ 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/break-glass-1' }, D],
    [{ 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/app' }, A],
  ]),
  family('ArnLikeIfExists', { ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:lambda:*:*:function:ok-*' } }, [
    [{ 'aws:SourceArn': 'arn:aws:lambda:us-east-1:123456789012:function:ok-1' }, A],
    [{ 'aws:SourceArn': 'arn:aws:lambda:us-east-1:123456789012:function:bad' }, D],
    [undefined, A],
  ]),
  family('Null true: the key must be absent', { Null: { 'aws:TokenIssueTime': 'true' } }, [
    [undefined, A],
    [{ 'aws:TokenIssueTime': '2026-12-05T08:00:00Z' }, D],
    [{ 'aws:TokenIssueTime': [] }, A],
  ]),
  family('Null false: the key must be present, whatever its value', { Null: { 'aws:TokenIssueTime': 'false' } }, [
    [undefined, D],
    [{ 'aws:TokenIssueTime': '2026-12-05T08:00:00Z' }, A],
    [{ 'aws:TokenIssueTime': '' }, A],
  ]),
  family('ForAnyValue:StringEquals: at least one request value in the set', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env', 'team'] } }, [
    [{ 'aws:TagKeys': ['env'] }, A],
    [{ 'aws:TagKeys': ['cost', 'team'] }, A],
    [{ 'aws:TagKeys': ['cost'] }, D],
    [{ 'aws:TagKeys': [] }, D],
    [undefined, D, ['aws:TagKeys']],
  ]),
  family('ForAllValues:StringEquals: every request value in the set; empty or missing passes', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } }, [
    [{ 'aws:TagKeys': ['env'] }, A],
    [{ 'aws:TagKeys': ['env', 'team'] }, A],
    [{ 'aws:TagKeys': ['env', 'cost'] }, D],
    [{ 'aws:TagKeys': [] }, A],
    [undefined, A, ['aws:TagKeys']],
  ]),
  family('ForAllValues with a Null guard: the documented safe pattern', {
    'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] },
    Null: { 'aws:TagKeys': 'false' },
  }, [
    [{ 'aws:TagKeys': ['env'] }, A],
    [undefined, D],
    [{ 'aws:TagKeys': ['owner'] }, D],
  ]),
  family('ForAnyValue:StringLike', { 'ForAnyValue:StringLike': { 'aws:TagKeys': 'project-*' } }, [
    [{ 'aws:TagKeys': ['a', 'project-x'] }, A],
    [{ 'aws:TagKeys': ['a', 'b'] }, D],
  ]),
  family('ForAllValues:StringLike', { 'ForAllValues:StringLike': { 'aws:TagKeys': ['project-*', 'env'] } }, [
    [{ 'aws:TagKeys': ['project-a', 'env'] }, A],
    [{ 'aws:TagKeys': ['project-a', 'owner'] }, D],
  ]),
  family('ForAnyValue:StringNotEquals: some request value outside the set', { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['env'] } }, [
    [{ 'aws:TagKeys': ['env', 'team'] }, A],
    [{ 'aws:TagKeys': ['env'] }, D],
    [undefined, D],
  ]),
  family('ForAllValues:StringNotEquals: no request value in the set', { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret'] } }, [
    [{ 'aws:TagKeys': ['env', 'team'] }, A],
    [{ 'aws:TagKeys': ['env', 'secret'] }, D],
    [undefined, A],
  ]),
  family('ForAnyValue:NumericGreaterThan over a list', { 'ForAnyValue:NumericGreaterThan': { 'ec2:VolumeSizes': '100' } }, [
    [{ 'ec2:VolumeSizes': ['8', '200'] }, A],
    [{ 'ec2:VolumeSizes': ['8', '100'] }, D],
  ]),
  family('ForAllValues:IpAddress', { 'ForAllValues:IpAddress': { 'aws:VpcSourceIps': '10.0.0.0/8' } }, [
    [{ 'aws:VpcSourceIps': ['10.1.1.1', '10.2.2.2'] }, A],
    [{ 'aws:VpcSourceIps': ['10.1.1.1', '192.168.0.1'] }, D],
  ]),
  family('ForAnyValue:StringEqualsIfExists', { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'env' } }, [
    [undefined, A],
    [{ 'aws:TagKeys': ['team'] }, D],
    [{ 'aws:TagKeys': ['team', 'env'] }, A],
  ]),
  family('a single-valued operator on a multivalued key matches any value', { StringEquals: { 'aws:PrincipalTag/team': 'web' } }, [
    [{ 'aws:PrincipalTag/team': ['api', 'web'] }, A],
    [{ 'aws:PrincipalTag/team': ['api'] }, D],
  ]),
  family('several operators are ANDed', {
    StringEquals: { 'aws:PrincipalTag/team': 'web' },
    Bool: { 'aws:SecureTransport': 'true' },
    IpAddress: { 'aws:SourceIp': '10.0.0.0/8' },
  }, [
    [{ 'aws:PrincipalTag/team': 'web', 'aws:SecureTransport': 'true', 'aws:SourceIp': '10.0.0.1' }, A],
    [{ 'aws:PrincipalTag/team': 'web', 'aws:SecureTransport': 'false', 'aws:SourceIp': '10.0.0.1' }, D],
    [{ 'aws:PrincipalTag/team': 'web', 'aws:SecureTransport': 'true', 'aws:SourceIp': '11.0.0.1' }, D],
    [{ 'aws:PrincipalTag/team': 'api', 'aws:SecureTransport': 'true', 'aws:SourceIp': '10.0.0.1' }, D],
  ]),
  family('several keys under one operator are ANDed', { StringEquals: { 'aws:PrincipalTag/team': 'web', 'aws:PrincipalTag/env': 'prod' } }, [
    [{ 'aws:PrincipalTag/team': 'web', 'aws:PrincipalTag/env': 'prod' }, A],
    [{ 'aws:PrincipalTag/team': 'web', 'aws:PrincipalTag/env': 'dev' }, D],
    [{ 'aws:PrincipalTag/team': 'web' }, D, ['aws:PrincipalTag/env']],
  ]),
];
