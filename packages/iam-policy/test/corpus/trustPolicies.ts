import { ACCOUNT, ALICE, APP_SESSION, BOB, CAROL_OTHER, OTHER, doc, type Group } from './Corpus.js';

const DEPLOY = `arn:aws:iam::${ACCOUNT}:role/deploy`;
const GITHUB = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;

/** Role trust policies: the resource-based policy of sts:AssumeRole*. */
export const trustPolicies: readonly Group[] = [
  {
    name: 'same account: a trust policy naming the user is enough',
    principal: ALICE,
    trust: doc({ Sid: 'TrustAlice', Effect: 'Allow', Principal: { AWS: ALICE.arn }, Action: 'sts:AssumeRole' }),
    cases: [
      { action: 'sts:AssumeRole', resource: DEPLOY, expect: 'allowed', decisive: ['TrustAlice'] },
      { action: 'sts:AssumeRole', resource: DEPLOY, principal: BOB, expect: 'implicitDeny', deniedBy: 'identity' },
      { action: 'sts:TagSession', resource: DEPLOY, expect: 'implicitDeny', note: 'the trust policy names only AssumeRole' },
    ],
  },
  {
    name: 'same account: a trust policy naming the account needs the identity allow',
    principal: ALICE,
    identity: [doc({ Sid: 'MayAssume', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: DEPLOY })],
    trust: doc({ Sid: 'TrustAccount', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }),
    cases: [
      { action: 'sts:AssumeRole', resource: DEPLOY, expect: 'allowed', decisive: ['MayAssume', 'TrustAccount'] },
      { action: 'sts:AssumeRole', resource: DEPLOY, principal: BOB, expect: 'allowed', note: 'bob holds the same identity policy here' },
      { action: 'sts:AssumeRole', resource: `arn:aws:iam::${ACCOUNT}:role/other`, expect: 'implicitDeny', deniedBy: 'identity' },
    ],
  },
  {
    name: 'identity allow without trust: the trust policy decides',
    principal: BOB,
    identity: [doc({ Sid: 'BobAssumesAnything', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' })],
    trust: doc({ Sid: 'TrustAlice', Effect: 'Allow', Principal: { AWS: ALICE.arn }, Action: 'sts:AssumeRole' }),
    cases: [{ action: 'sts:AssumeRole', resource: DEPLOY, expect: 'implicitDeny', deniedBy: 'trust' }],
  },
  {
    name: 'trust policy deny wins',
    principal: ALICE,
    identity: [doc({ Sid: 'MayAssume', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' })],
    trust: doc(
      { Sid: 'TrustAccount', Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' },
      { Sid: 'NotAlice', Effect: 'Deny', Principal: { AWS: ALICE.arn }, Action: 'sts:AssumeRole' },
    ),
    cases: [
      { action: 'sts:AssumeRole', resource: DEPLOY, expect: 'explicitDeny', deniedBy: 'trust', decisive: ['NotAlice'] },
      { action: 'sts:AssumeRole', resource: DEPLOY, principal: BOB, expect: 'allowed', decisive: ['MayAssume', 'TrustAccount'], note: 'the deny names alice only' },
    ],
  },
  {
    name: 'cross account AssumeRole: the trust policy and the caller\'s identity policy',
    principal: CAROL_OTHER,
    identity: [doc({ Sid: 'CarolMayAssume', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: DEPLOY })],
    trust: doc({ Sid: 'TrustOther', Effect: 'Allow', Principal: { AWS: OTHER }, Action: 'sts:AssumeRole' }),
    cases: [
      { action: 'sts:AssumeRole', resource: DEPLOY, expect: 'allowed', decisive: ['CarolMayAssume', 'TrustOther'] },
      { action: 'sts:AssumeRole', resource: `arn:aws:iam::${ACCOUNT}:role/x`, expect: 'implicitDeny', deniedBy: 'identity' },
    ],
  },
  {
    name: 'trust policy with an MFA condition',
    principal: ALICE,
    trust: doc({ Sid: 'AliceWithMfa', Effect: 'Allow', Principal: { AWS: ALICE.arn }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
    cases: [
      { action: 'sts:AssumeRole', resource: DEPLOY, context: { 'aws:MultiFactorAuthPresent': 'true' }, expect: 'allowed' },
      { action: 'sts:AssumeRole', resource: DEPLOY, context: { 'aws:MultiFactorAuthPresent': 'false' }, expect: 'implicitDeny' },
      { action: 'sts:AssumeRole', resource: DEPLOY, expect: 'implicitDeny', missing: ['aws:MultiFactorAuthPresent'] },
    ],
  },
  {
    name: 'trust policy naming a role: its sessions may assume (role chaining)',
    principal: APP_SESSION,
    trust: doc({ Sid: 'TrustApp', Effect: 'Allow', Principal: { AWS: APP_SESSION.roleArn }, Action: 'sts:AssumeRole' }),
    cases: [
      { action: 'sts:AssumeRole', resource: DEPLOY, expect: 'allowed', decisive: ['TrustApp'] },
      { action: 'sts:AssumeRole', resource: DEPLOY, principal: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/web/s`, roleArn: `arn:aws:iam::${ACCOUNT}:role/web` }, expect: 'implicitDeny' },
    ],
  },
  {
    name: 'web identity trust: GitHub Actions style sub and aud conditions',
    principal: { federated: GITHUB },
    trust: doc({
      Sid: 'GitHubMain',
      Effect: 'Allow',
      Principal: { Federated: GITHUB },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:rolecall-org/web:ref:refs/heads/*' },
      },
    }),
    cases: [
      {
        action: 'sts:AssumeRoleWithWebIdentity', resource: DEPLOY, expect: 'allowed', decisive: ['GitHubMain'],
        context: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:rolecall-org/web:ref:refs/heads/main' },
      },
      {
        action: 'sts:AssumeRoleWithWebIdentity', resource: DEPLOY, expect: 'implicitDeny', deniedBy: 'trust',
        context: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:rolecall-org/web:pull_request' },
      },
      {
        action: 'sts:AssumeRoleWithWebIdentity', resource: DEPLOY, expect: 'implicitDeny',
        context: { 'token.actions.githubusercontent.com:aud': 'other', 'token.actions.githubusercontent.com:sub': 'repo:rolecall-org/web:ref:refs/heads/main' },
      },
      {
        action: 'sts:AssumeRoleWithWebIdentity', resource: DEPLOY, expect: 'implicitDeny',
        context: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:evil-org/web:ref:refs/heads/main' },
      },
      {
        action: 'sts:AssumeRoleWithWebIdentity', resource: DEPLOY, expect: 'implicitDeny', missing: ['token.actions.githubusercontent.com:sub'],
        context: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      },
      {
        action: 'sts:AssumeRoleWithWebIdentity', resource: DEPLOY, expect: 'implicitDeny', principal: { federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/accounts.google.com` },
        context: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:rolecall-org/web:ref:refs/heads/main' },
      },
      { action: 'sts:AssumeRole', resource: DEPLOY, expect: 'implicitDeny', note: 'the statement names only the web identity action' },
    ],
  },
  {
    name: 'service principal trust (EC2 instance role)',
    principal: { service: 'ec2.amazonaws.com' },
    trust: doc({ Sid: 'Ec2', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    cases: [
      { action: 'sts:AssumeRole', resource: DEPLOY, expect: 'allowed' },
      { action: 'sts:AssumeRole', resource: DEPLOY, principal: { service: 'lambda.amazonaws.com' }, expect: 'implicitDeny' },
    ],
  },
  {
    name: 'trust policy with Principal "*" and an account condition',
    principal: ALICE,
    trust: doc({ Sid: 'AnyInOrgAccount', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } } }),
    cases: [
      { action: 'sts:AssumeRole', resource: DEPLOY, context: { 'aws:PrincipalAccount': ACCOUNT }, expect: 'allowed' },
      { action: 'sts:AssumeRole', resource: DEPLOY, context: { 'aws:PrincipalAccount': OTHER }, expect: 'implicitDeny' },
    ],
  },
];
