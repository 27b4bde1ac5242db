import { ACCOUNT, ALICE, APP_SESSION, BOB, allowAll, doc, type Group } from './Corpus.js';

const BUCKET = 'arn:aws:s3:::home-bucket';

/** Policy variables, the Not* elements and wildcards. */
export const variablesAndNot: readonly Group[] = [
  {
    name: '${aws:username} in a resource: each user their own folder',
    principal: ALICE,
    identity: [doc({ Sid: 'OwnFolder', Effect: 'Allow', Action: 's3:*', Resource: `${BUCKET}/home/\${aws:username}/*` })],
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/home/alice/a.txt`, context: { 'aws:username': 'alice' }, expect: 'allowed' },
      { action: 's3:GetObject', resource: `${BUCKET}/home/bob/a.txt`, context: { 'aws:username': 'alice' }, expect: 'implicitDeny' },
      { action: 's3:GetObject', resource: `${BUCKET}/home/bob/a.txt`, principal: BOB, context: { 'aws:username': 'bob' }, expect: 'allowed' },
      { action: 's3:GetObject', resource: `${BUCKET}/home/alice/a.txt`, expect: 'implicitDeny', missing: ['aws:username'] },
    ],
  },
  {
    name: 'a variable value is literal: a * in it is not a wildcard',
    principal: ALICE,
    identity: [doc({ Sid: 'OwnFolder', Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/home/\${aws:username}/*` })],
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/home/bob/a`, context: { 'aws:username': '*' }, expect: 'implicitDeny' },
      { action: 's3:GetObject', resource: `${BUCKET}/home/*/a`, context: { 'aws:username': '*' }, expect: 'allowed' },
      { action: 's3:GetObject', resource: `${BUCKET}/home/ab/a`, context: { 'aws:username': 'a?' }, expect: 'implicitDeny' },
    ],
  },
  {
    name: 'variables in a 2008-10-17 policy are plain text',
    principal: ALICE,
    identity: [{ Version: '2008-10-17', Statement: [{ Sid: 'Old', Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/\${aws:username}` }] }],
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/alice`, context: { 'aws:username': 'alice' }, expect: 'implicitDeny' },
      { action: 's3:GetObject', resource: `${BUCKET}/\${aws:username}`, context: { 'aws:username': 'alice' }, expect: 'allowed' },
    ],
  },
  {
    name: 'a policy without Version is 2008-10-17',
    principal: ALICE,
    identity: [{ Statement: [{ Sid: 'NoVersion', Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/\${aws:username}` }] }],
    cases: [{ action: 's3:GetObject', resource: `${BUCKET}/alice`, context: { 'aws:username': 'alice' }, expect: 'implicitDeny' }],
  },
  {
    name: '${aws:PrincipalTag/team} in a resource and a condition',
    principal: ALICE,
    identity: [
      doc(
        { Sid: 'TeamPrefix', Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET}/teams/\${aws:PrincipalTag/team}/*` },
        { Sid: 'TeamTag', Effect: 'Allow', Action: 'ec2:StartInstances', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } },
      ),
    ],
    cases: [
      { action: 's3:PutObject', resource: `${BUCKET}/teams/web/x`, context: { 'aws:PrincipalTag/team': 'web' }, expect: 'allowed', decisive: ['TeamPrefix'] },
      { action: 's3:PutObject', resource: `${BUCKET}/teams/api/x`, context: { 'aws:PrincipalTag/team': 'web' }, expect: 'implicitDeny' },
      { action: 'ec2:StartInstances', resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1`, context: { 'aws:PrincipalTag/team': 'web', 'aws:ResourceTag/team': 'web' }, expect: 'allowed', decisive: ['TeamTag'] },
      { action: 'ec2:StartInstances', resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1`, context: { 'aws:PrincipalTag/team': 'web', 'aws:ResourceTag/team': 'api' }, expect: 'implicitDeny' },
      { action: 'ec2:StartInstances', resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1`, context: { 'aws:ResourceTag/team': 'web' }, expect: 'implicitDeny', missing: ['aws:PrincipalTag/team'] },
    ],
  },
  {
    name: 'a default value: ${aws:username, \'guest\'}',
    principal: ALICE,
    identity: [doc({ Sid: 'WithDefault', Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/home/\${aws:username, 'guest'}/*` })],
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/home/guest/a`, expect: 'allowed' },
      { action: 's3:GetObject', resource: `${BUCKET}/home/alice/a`, expect: 'implicitDeny' },
      { action: 's3:GetObject', resource: `${BUCKET}/home/alice/a`, context: { 'aws:username': 'alice' }, expect: 'allowed' },
      { action: 's3:GetObject', resource: `${BUCKET}/home/guest/a`, context: { 'aws:username': 'alice' }, expect: 'implicitDeny' },
    ],
  },
  {
    name: 'the escapes ${*} ${?} ${$} stand for literal characters',
    principal: ALICE,
    identity: [
      doc(
        { Sid: 'Star', Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/literal-\${*}` },
        { Sid: 'Question', Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET}/what\${?}` },
        { Sid: 'Dollar', Effect: 'Allow', Action: 's3:DeleteObject', Resource: `${BUCKET}/\${$}price` },
        { Sid: 'LikeStar', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { StringLike: { 's3:prefix': 'a${*}*' } } },
      ),
    ],
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/literal-*`, expect: 'allowed' },
      { action: 's3:GetObject', resource: `${BUCKET}/literal-anything`, expect: 'implicitDeny' },
      { action: 's3:PutObject', resource: `${BUCKET}/what?`, expect: 'allowed' },
      { action: 's3:PutObject', resource: `${BUCKET}/whatX`, expect: 'implicitDeny' },
      { action: 's3:DeleteObject', resource: `${BUCKET}/$price`, expect: 'allowed' },
      { action: 's3:ListBucket', resource: BUCKET, context: { 's3:prefix': 'a*/rest' }, expect: 'allowed' },
      { action: 's3:ListBucket', resource: BUCKET, context: { 's3:prefix': 'ab/rest' }, expect: 'implicitDeny' },
    ],
  },
  {
    name: '${aws:userid} of a role session, with the role id prefix',
    principal: APP_SESSION,
    identity: [doc({ Sid: 'SessionFolder', Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/sessions/\${aws:userid}/*` })],
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/sessions/AROAEXAMPLEFAKE:i-0abc/x`, context: { 'aws:userid': 'AROAEXAMPLEFAKE:i-0abc' }, expect: 'allowed' },
      { action: 's3:GetObject', resource: `${BUCKET}/sessions/AROAEXAMPLEFAKE:i-0def/x`, context: { 'aws:userid': 'AROAEXAMPLEFAKE:i-0abc' }, expect: 'implicitDeny' },
    ],
  },
  {
    name: 'StringLike with a variable: s3:prefix under the user\'s home',
    principal: ALICE,
    identity: [doc({ Sid: 'ListHome', Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET, Condition: { StringLike: { 's3:prefix': ['', 'home/', 'home/${aws:username}/*'] } } })],
    cases: [
      { action: 's3:ListBucket', resource: BUCKET, context: { 'aws:username': 'alice', 's3:prefix': 'home/alice/docs' }, expect: 'allowed' },
      { action: 's3:ListBucket', resource: BUCKET, context: { 'aws:username': 'alice', 's3:prefix': 'home/' }, expect: 'allowed' },
      { action: 's3:ListBucket', resource: BUCKET, context: { 'aws:username': 'alice', 's3:prefix': '' }, expect: 'allowed' },
      { action: 's3:ListBucket', resource: BUCKET, context: { 'aws:username': 'alice', 's3:prefix': 'home/bob/docs' }, expect: 'implicitDeny' },
    ],
  },
  {
    name: 'ArnLike with a variable: the principal\'s own role',
    principal: APP_SESSION,
    identity: [doc({ Sid: 'Self', Effect: 'Allow', Action: 'iam:GetRole', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:PrincipalAccount}:role/*' } } })],
    cases: [
      { action: 'iam:GetRole', resource: `arn:aws:iam::${ACCOUNT}:role/app`, context: { 'aws:PrincipalAccount': ACCOUNT, 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/app` }, expect: 'allowed' },
      { action: 'iam:GetRole', resource: `arn:aws:iam::${ACCOUNT}:role/app`, context: { 'aws:PrincipalAccount': '999999999999', 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/app` }, expect: 'implicitDeny' },
    ],
  },
  {
    name: 'NotAction with Allow: everything but IAM',
    principal: ALICE,
    identity: [doc({ Sid: 'AllButIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })],
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'allowed', decisive: ['AllButIam'] },
      { action: 'ec2:RunInstances', resource: '*', expect: 'allowed' },
      { action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCOUNT}:user/x`, expect: 'implicitDeny' },
      { action: 'IAM:ListUsers', resource: '*', expect: 'implicitDeny' },
    ],
  },
  {
    name: 'NotAction with Deny: deny everything but the MFA self-service without MFA',
    principal: ALICE,
    identity: [
      doc(
        allowAll(),
        {
          Sid: 'DenyAllExceptListedIfNoMFA',
          Effect: 'Deny',
          NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'sts:GetSessionToken'],
          Resource: '*',
          Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
        },
      ),
    ],
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/k`, context: { 'aws:MultiFactorAuthPresent': 'false' }, expect: 'explicitDeny', decisive: ['DenyAllExceptListedIfNoMFA'] },
      { action: 'iam:GetUser', resource: ALICE.arn!, context: { 'aws:MultiFactorAuthPresent': 'false' }, expect: 'allowed' },
      { action: 's3:GetObject', resource: `${BUCKET}/k`, context: { 'aws:MultiFactorAuthPresent': 'true' }, expect: 'allowed' },
      { action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'explicitDeny', note: 'IfExists: an absent key counts as matching (long-term keys)' },
      { action: 'sts:GetSessionToken', resource: '*', expect: 'allowed' },
    ],
  },
  {
    name: 'NotResource with Deny: deny all S3 outside one bucket',
    principal: ALICE,
    identity: [
      doc(
        { Sid: 'S3', Effect: 'Allow', Action: 's3:*', Resource: '*' },
        { Sid: 'OnlyThisBucket', Effect: 'Deny', Action: 's3:*', NotResource: [BUCKET, `${BUCKET}/*`] },
      ),
    ],
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'allowed', decisive: ['S3'] },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::elsewhere/k', expect: 'explicitDeny', decisive: ['OnlyThisBucket'] },
      { action: 's3:ListBucket', resource: BUCKET, expect: 'allowed' },
    ],
  },
  {
    name: 'NotResource with Allow',
    principal: ALICE,
    identity: [doc({ Sid: 'AllButSecrets', Effect: 'Allow', Action: 's3:GetObject', NotResource: `${BUCKET}/secrets/*` })],
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/public/k`, expect: 'allowed' },
      { action: 's3:GetObject', resource: `${BUCKET}/secrets/k`, expect: 'implicitDeny' },
    ],
  },
  {
    name: 'NotPrincipal with Deny in a resource policy: deny all but one role',
    principal: ALICE,
    identity: [doc(allowAll())],
    resource: [
      doc({ Sid: 'OnlyAdmin', Effect: 'Deny', NotPrincipal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/admin`, `arn:aws:sts::${ACCOUNT}:assumed-role/admin/ops`] }, Action: 's3:*', Resource: `${BUCKET}/*` }),
    ],
    resourceAccount: ACCOUNT,
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'explicitDeny', deniedBy: 'resource', decisive: ['OnlyAdmin'] },
      { action: 's3:GetObject', resource: `${BUCKET}/k`, principal: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/admin/ops`, roleArn: `arn:aws:iam::${ACCOUNT}:role/admin` }, expect: 'allowed' },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::elsewhere/k', expect: 'allowed' },
    ],
  },
  {
    name: 'action wildcards: prefix, infix, ? and case',
    principal: ALICE,
    identity: [doc({ Sid: 'Patterns', Effect: 'Allow', Action: ['ec2:Describe*', 'iam:*AccessKey*', 's3:?etObject'], Resource: '*' })],
    cases: [
      { action: 'ec2:DescribeInstances', resource: '*', expect: 'allowed' },
      { action: 'ec2:describeregions', resource: '*', expect: 'allowed' },
      { action: 'ec2:RunInstances', resource: '*', expect: 'implicitDeny' },
      { action: 'iam:CreateAccessKey', resource: '*', expect: 'allowed' },
      { action: 'iam:ListAccessKeys', resource: '*', expect: 'allowed' },
      { action: 'iam:CreateUser', resource: '*', expect: 'implicitDeny' },
      { action: 's3:GetObject', resource: '*', expect: 'allowed' },
      { action: 's3:SetObject', resource: '*', expect: 'allowed' },
      { action: 's3:GetObjectAcl', resource: '*', expect: 'implicitDeny' },
      { action: 'ec2x:DescribeInstances', resource: '*', expect: 'implicitDeny' },
    ],
  },
  {
    name: 'resource wildcards: per ARN part, case-sensitive',
    principal: ALICE,
    identity: [
      doc(
        { Sid: 'AnyRegionQueue', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:*:${ACCOUNT}:orders-*` },
        { Sid: 'Logs', Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/app/*:log-stream:*` },
        { Sid: 'Question', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/file-?.txt' },
      ),
    ],
    cases: [
      { action: 'sqs:SendMessage', resource: `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders-eu`, expect: 'allowed' },
      { action: 'sqs:SendMessage', resource: `arn:aws:sqs:eu-west-1:${ACCOUNT}:Orders-eu`, expect: 'implicitDeny' },
      { action: 'sqs:SendMessage', resource: `arn:aws:sqs:eu-west-1:210987654321:orders-eu`, expect: 'implicitDeny' },
      { action: 'logs:PutLogEvents', resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/app/web:log-stream:i-1`, expect: 'allowed' },
      { action: 'logs:PutLogEvents', resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/other:log-stream:i-1`, expect: 'implicitDeny' },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/file-1.txt', expect: 'allowed' },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/file-12.txt', expect: 'implicitDeny' },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/file-.txt', expect: 'implicitDeny' },
    ],
  },
  {
    name: 'Resource "*" matches every resource, even "*"',
    principal: ALICE,
    identity: [doc({ Sid: 'Star', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' })],
    cases: [
      { action: 'kms:Decrypt', resource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/abc`, expect: 'allowed' },
      { action: 'kms:Decrypt', resource: '*', expect: 'allowed' },
      { action: 'kms:Encrypt', resource: '*', expect: 'implicitDeny' },
    ],
  },
  {
    name: 'a statement with an unmet condition does not match (missing keys reported)',
    principal: ALICE,
    identity: [
      doc(
        { Sid: 'FromOffice', Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
        { Sid: 'DenyOutsideRegion', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } } },
      ),
    ],
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/k`, context: { 'aws:SourceIp': '203.0.113.9', 'aws:RequestedRegion': 'us-east-1' }, expect: 'allowed', decisive: ['FromOffice'] },
      { action: 's3:GetObject', resource: `${BUCKET}/k`, context: { 'aws:SourceIp': '203.0.113.9', 'aws:RequestedRegion': 'eu-west-1' }, expect: 'explicitDeny', decisive: ['DenyOutsideRegion'] },
      { action: 's3:GetObject', resource: `${BUCKET}/k`, context: { 'aws:SourceIp': '198.51.100.1', 'aws:RequestedRegion': 'us-east-1' }, expect: 'implicitDeny' },
      { action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'explicitDeny', missing: ['aws:SourceIp', 'aws:RequestedRegion'], note: 'StringNotEquals on a missing key matches' },
    ],
  },
];
