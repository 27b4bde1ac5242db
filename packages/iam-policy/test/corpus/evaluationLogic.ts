import { ACCOUNT, ALICE, APP_SESSION, BOB, CAROL_OTHER, OTHER, allowAll, doc, type Group } from './Corpus.js';

const BUCKET = 'arn:aws:s3:::example-bucket';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/deploy`;

/** AWS's policy evaluation logic, the documented flow step by step. */
export const evaluationLogic: readonly Group[] = [
  {
    name: 'no policy at all: implicit deny by default',
    principal: ALICE,
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/a`, expect: 'implicitDeny', deniedBy: 'identity' },
      { action: 'iam:GetUser', resource: `arn:aws:iam::${ACCOUNT}:user/alice`, expect: 'implicitDeny', deniedBy: 'identity' },
      { action: 'sts:GetCallerIdentity', resource: '*', expect: 'implicitDeny', deniedBy: 'identity' },
    ],
  },
  {
    name: 'an identity allow grants exactly what it names',
    principal: ALICE,
    identity: [doc({ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [BUCKET, `${BUCKET}/*`] })],
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/a.txt`, expect: 'allowed', decisive: ['Read'] },
      { action: 's3:ListBucket', resource: BUCKET, expect: 'allowed', decisive: ['Read'] },
      { action: 's3:PutObject', resource: `${BUCKET}/a.txt`, expect: 'implicitDeny', deniedBy: 'identity' },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::other-bucket/a.txt', expect: 'implicitDeny' },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::example-bucket-2/a', expect: 'implicitDeny', note: 'bucket name prefix is not the bucket' },
      { action: 'S3:GETOBJECT', resource: `${BUCKET}/a.txt`, expect: 'allowed', note: 'actions are case-insensitive' },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::EXAMPLE-BUCKET/a.txt', expect: 'implicitDeny', note: 'resources are case-sensitive' },
    ],
  },
  {
    name: 'explicit deny overrides any allow',
    principal: ALICE,
    identity: [
      doc(allowAll(), { Sid: 'NoDelete', Effect: 'Deny', Action: 's3:DeleteObject', Resource: `${BUCKET}/protected/*` }),
    ],
    cases: [
      { action: 's3:DeleteObject', resource: `${BUCKET}/protected/x`, expect: 'explicitDeny', deniedBy: 'identity', decisive: ['NoDelete'] },
      { action: 's3:DeleteObject', resource: `${BUCKET}/public/x`, expect: 'allowed', decisive: ['AllowAll'] },
      { action: 's3:GetObject', resource: `${BUCKET}/protected/x`, expect: 'allowed' },
      { action: 's3:deleteobject', resource: `${BUCKET}/protected/deep/x`, expect: 'explicitDeny' },
      { action: 's3:DeleteObject', resource: `${BUCKET}/protected`, expect: 'allowed', note: 'the folder key itself is not under protected/' },
    ],
  },
  {
    name: 'a deny in one policy beats an allow in another',
    principal: ALICE,
    identity: [
      doc({ Sid: 'Ec2All', Effect: 'Allow', Action: 'ec2:*', Resource: '*' }),
      doc({ Sid: 'NoTerminate', Effect: 'Deny', Action: 'ec2:TerminateInstances', Resource: '*' }),
    ],
    cases: [
      { action: 'ec2:TerminateInstances', resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1`, expect: 'explicitDeny', decisive: ['NoTerminate'] },
      { action: 'ec2:StopInstances', resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1`, expect: 'allowed', decisive: ['Ec2All'] },
      { action: 'ec2:DescribeInstances', resource: '*', expect: 'allowed' },
      { action: 's3:ListAllMyBuckets', resource: '*', expect: 'implicitDeny' },
    ],
  },
  {
    name: 'several allows: all of them are decisive',
    principal: ALICE,
    identity: [doc({ Sid: 'A', Effect: 'Allow', Action: 's3:*', Resource: '*' }), doc({ Sid: 'B', Effect: 'Allow', Action: 's3:Get*', Resource: `${BUCKET}/*` })],
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'allowed', decisive: ['A', 'B'] },
      { action: 's3:PutObject', resource: `${BUCKET}/k`, expect: 'allowed', decisive: ['A'] },
    ],
  },
  {
    name: 'permissions boundary: the effective permissions are the intersection',
    principal: ALICE,
    identity: [doc({ Sid: 'IamAndS3', Effect: 'Allow', Action: ['s3:*', 'iam:*', 'cloudwatch:*'], Resource: '*' })],
    boundary: doc({ Sid: 'Cap', Effect: 'Allow', Action: ['s3:*', 'cloudwatch:*', 'ec2:*'], Resource: '*' }),
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'allowed', decisive: ['IamAndS3', 'Cap'] },
      { action: 'cloudwatch:GetMetricData', resource: '*', expect: 'allowed' },
      { action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCOUNT}:user/x`, expect: 'implicitDeny', deniedBy: 'boundary', note: 'identity allows, boundary does not' },
      { action: 'ec2:RunInstances', resource: '*', expect: 'implicitDeny', deniedBy: 'identity', note: 'boundary allows, identity does not' },
      { action: 'sqs:SendMessage', resource: '*', expect: 'implicitDeny', deniedBy: 'identity' },
    ],
  },
  {
    name: 'permissions boundary with an explicit deny',
    principal: ALICE,
    identity: [doc(allowAll())],
    boundary: doc(allowAll('CapAll'), { Sid: 'CapNoIam', Effect: 'Deny', Action: 'iam:*', Resource: '*' }),
    cases: [
      { action: 'iam:DeleteRole', resource: ROLE, expect: 'explicitDeny', deniedBy: 'boundary', decisive: ['CapNoIam'] },
      { action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'allowed', decisive: ['AllowAll', 'CapAll'] },
    ],
  },
  {
    name: 'a boundary alone grants nothing',
    principal: ALICE,
    boundary: doc(allowAll('CapAll')),
    cases: [{ action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'implicitDeny', deniedBy: 'identity' }],
  },
  {
    name: 'session policies narrow a role session',
    principal: APP_SESSION,
    identity: [doc({ Sid: 'RoleS3', Effect: 'Allow', Action: 's3:*', Resource: '*' })],
    session: [doc({ Sid: 'OnlyRead', Effect: 'Allow', Action: ['s3:GetObject', 'ec2:*'], Resource: `${BUCKET}/*` })],
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'allowed', decisive: ['RoleS3', 'OnlyRead'] },
      { action: 's3:PutObject', resource: `${BUCKET}/k`, expect: 'implicitDeny', deniedBy: 'session' },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::other/k', expect: 'implicitDeny', deniedBy: 'session' },
      { action: 'ec2:RunInstances', resource: `${BUCKET}/k`, expect: 'implicitDeny', deniedBy: 'identity', note: 'a session policy cannot add what the role lacks' },
    ],
  },
  {
    name: 'several session policies form one cap (their union)',
    principal: APP_SESSION,
    identity: [doc(allowAll('Role'))],
    session: [
      doc({ Sid: 'Inline', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }),
      doc({ Sid: 'Managed', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }),
    ],
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'allowed', decisive: ['Role', 'Inline'] },
      { action: 's3:ListBucket', resource: BUCKET, expect: 'allowed', decisive: ['Role', 'Managed'] },
      { action: 's3:PutObject', resource: `${BUCKET}/k`, expect: 'implicitDeny', deniedBy: 'session' },
    ],
  },
  {
    name: 'a deny in a session policy is explicit',
    principal: APP_SESSION,
    identity: [doc(allowAll('Role'))],
    session: [doc(allowAll('SessionAll'), { Sid: 'SessionNoDelete', Effect: 'Deny', Action: 's3:Delete*', Resource: '*' })],
    cases: [
      { action: 's3:DeleteObject', resource: `${BUCKET}/k`, expect: 'explicitDeny', deniedBy: 'session', decisive: ['SessionNoDelete'] },
      { action: 's3:PutObject', resource: `${BUCKET}/k`, expect: 'allowed' },
    ],
  },
  {
    name: 'boundary and session policy together: all three must allow',
    principal: APP_SESSION,
    identity: [doc({ Sid: 'Id', Effect: 'Allow', Action: ['s3:*', 'sqs:*', 'sns:*'], Resource: '*' })],
    boundary: doc({ Sid: 'Bound', Effect: 'Allow', Action: ['s3:*', 'sqs:*'], Resource: '*' }),
    session: [doc({ Sid: 'Sess', Effect: 'Allow', Action: ['s3:*', 'sns:*'], Resource: '*' })],
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'allowed', decisive: ['Id', 'Bound', 'Sess'] },
      { action: 'sqs:SendMessage', resource: '*', expect: 'implicitDeny', deniedBy: 'session' },
      { action: 'sns:Publish', resource: '*', expect: 'implicitDeny', deniedBy: 'boundary' },
      { action: 'ec2:RunInstances', resource: '*', expect: 'implicitDeny', deniedBy: 'identity' },
    ],
  },
  {
    name: 'same account: a resource policy naming the user allows on its own',
    principal: ALICE,
    resource: [doc({ Sid: 'BucketToAlice', Effect: 'Allow', Principal: { AWS: ALICE.arn }, Action: 's3:GetObject', Resource: `${BUCKET}/*` })],
    resourceAccount: ACCOUNT,
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'allowed', decisive: ['BucketToAlice'] },
      { action: 's3:PutObject', resource: `${BUCKET}/k`, expect: 'implicitDeny', deniedBy: 'identity' },
      { action: 's3:GetObject', resource: `${BUCKET}/k`, principal: BOB, expect: 'implicitDeny', note: 'bob is not named' },
    ],
  },
  {
    name: 'same account: a resource policy naming the user is not capped by a boundary',
    principal: ALICE,
    boundary: doc({ Sid: 'Cap', Effect: 'Allow', Action: 'ec2:*', Resource: '*' }),
    resource: [doc({ Sid: 'BucketToAlice', Effect: 'Allow', Principal: { AWS: ALICE.arn }, Action: 's3:GetObject', Resource: `${BUCKET}/*` })],
    resourceAccount: ACCOUNT,
    cases: [{ action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'allowed', decisive: ['BucketToAlice'] }],
  },
  {
    name: 'same account: a resource policy naming only the account needs an identity allow',
    principal: ALICE,
    resource: [doc({ Sid: 'ToAccount', Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 's3:*', Resource: `${BUCKET}/*` })],
    resourceAccount: ACCOUNT,
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'implicitDeny', deniedBy: 'identity' },
    ],
  },
  {
    name: 'same account: account-wide resource policy plus identity allow',
    principal: ALICE,
    identity: [doc({ Sid: 'Id', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })],
    resource: [doc({ Sid: 'ToRoot', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 's3:*', Resource: `${BUCKET}/*` })],
    resourceAccount: ACCOUNT,
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'allowed', decisive: ['Id'] },
      { action: 's3:PutObject', resource: `${BUCKET}/k`, expect: 'implicitDeny', deniedBy: 'identity' },
    ],
  },
  {
    name: 'same account: a resource policy naming the role is capped by session policies',
    principal: APP_SESSION,
    resource: [doc({ Sid: 'ToRole', Effect: 'Allow', Principal: { AWS: APP_SESSION.roleArn }, Action: 's3:*', Resource: `${BUCKET}/*` })],
    session: [doc({ Sid: 'Sess', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })],
    resourceAccount: ACCOUNT,
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'allowed', decisive: ['ToRole', 'Sess'] },
      { action: 's3:PutObject', resource: `${BUCKET}/k`, expect: 'implicitDeny', deniedBy: 'session' },
    ],
  },
  {
    name: 'same account: a resource policy naming the session ARN is not capped',
    principal: APP_SESSION,
    resource: [doc({ Sid: 'ToSession', Effect: 'Allow', Principal: { AWS: APP_SESSION.arn }, Action: 's3:*', Resource: `${BUCKET}/*` })],
    session: [doc({ Sid: 'Sess', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })],
    resourceAccount: ACCOUNT,
    cases: [{ action: 's3:PutObject', resource: `${BUCKET}/k`, expect: 'allowed', decisive: ['ToSession'] }],
  },
  {
    name: 'a resource policy deny beats an identity allow',
    principal: ALICE,
    identity: [doc(allowAll())],
    resource: [doc({ Sid: 'DenyAll', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `${BUCKET}/*` })],
    resourceAccount: ACCOUNT,
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'explicitDeny', deniedBy: 'resource', decisive: ['DenyAll'] },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::other/k', expect: 'allowed' },
    ],
  },
  {
    name: 'cross account: both the identity policy and the resource policy must allow',
    principal: CAROL_OTHER,
    identity: [doc({ Sid: 'CarolS3', Effect: 'Allow', Action: 's3:*', Resource: '*' })],
    resource: [doc({ Sid: 'ToOther', Effect: 'Allow', Principal: { AWS: OTHER }, Action: 's3:GetObject', Resource: `${BUCKET}/*` })],
    resourceAccount: ACCOUNT,
    cases: [
      { action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'allowed', decisive: ['CarolS3', 'ToOther'] },
      { action: 's3:PutObject', resource: `${BUCKET}/k`, expect: 'implicitDeny', deniedBy: 'resource' },
    ],
  },
  {
    name: 'cross account: a resource policy alone is not enough',
    principal: CAROL_OTHER,
    resource: [doc({ Sid: 'ToCarol', Effect: 'Allow', Principal: { AWS: CAROL_OTHER.arn }, Action: 's3:*', Resource: `${BUCKET}/*` })],
    resourceAccount: ACCOUNT,
    cases: [{ action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'implicitDeny', deniedBy: 'identity' }],
  },
  {
    name: 'cross account: an identity policy alone is not enough',
    principal: CAROL_OTHER,
    identity: [doc(allowAll('CarolAll'))],
    cases: [
      { action: 'sqs:SendMessage', resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:queue`, expect: 'implicitDeny', deniedBy: 'resource' },
      { action: 'sqs:SendMessage', resource: `arn:aws:sqs:us-east-1:${OTHER}:queue`, expect: 'allowed', note: 'her own account' },
    ],
  },
];
