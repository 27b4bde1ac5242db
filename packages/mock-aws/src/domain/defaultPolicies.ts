import type { MockRole, PolicyDocument } from './MockConfig.js';

/**
 * The default configuration's IAM story (docs/contracts.md "Mock IAM
 * defaults"): an instance role that may read the demo bucket but never delete
 * under `protected/`, a deploy role that alice and the instance role may
 * assume, a web identity role for a GitHub Actions style workflow, and alice
 * with a developer's read-only view of IAM.
 */

/** The demo bucket the default policies speak about. @public */
export const DEMO_BUCKET_ARN = 'arn:aws:s3:::rolecall-demo';
/** The issuer whose tokens the default web identity role trusts for `rolecall-org`'s main branches. @public */
export const DEFAULT_GITHUB_ISSUER = 'token.actions.githubusercontent.com';
/** The local test issuer (`https://oidc.example.test`) the default web identity role also trusts, audience-checked. @public */
export const DEFAULT_EXAMPLE_ISSUER = 'oidc.example.test';

const V = '2012-10-17';
const roleArn = (account: string, name: string): string => `arn:aws:iam::${account}:role/${name}`;

/** alice's inline policies. @internal */
export function defaultUserPolicies(account: string): Record<string, PolicyDocument> {
  return {
    'developer-read-only': {
      Version: V,
      Statement: [
        { Sid: 'ReadOnlyIam', Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'iam:Simulate*'], Resource: '*' },
        { Sid: 'AssumeDeploy', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn(account, 'rolecall-deploy') },
      ],
    },
  };
}

/** The default roles: the instance role (when the instance has one), rolecall-deploy and rolecall-web. @internal */
export function defaultRoles(account: string, instanceRole: string | null): MockRole[] {
  const alice = `arn:aws:iam::${account}:user/alice`;
  const deploy = roleArn(account, 'rolecall-deploy');
  const web = roleArn(account, 'rolecall-web');
  const roles: MockRole[] = [
    {
      name: 'rolecall-deploy',
      trust: [],
      maxSessionDurationS: 3600,
      webIdentity: false,
      trustPolicy: {
        Version: V,
        Statement: [
          {
            // Itself too: since 2022 a role assumes itself only when its trust policy names it.
            Sid: 'TrustAliceTheAppCiAndItself',
            Effect: 'Allow',
            Principal: { AWS: [alice, ...(instanceRole === null ? [] : [roleArn(account, instanceRole)]), web, deploy] },
            Action: ['sts:AssumeRole', 'sts:TagSession'],
          },
        ],
      },
      policies: {
        deploy: {
          Version: V,
          Statement: [
            { Sid: 'WriteDemo', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket'], Resource: [DEMO_BUCKET_ARN, `${DEMO_BUCKET_ARN}/*`] },
            { Sid: 'SeeOwnRole', Effect: 'Allow', Action: ['iam:GetRole', 'iam:ListRolePolicies', 'iam:GetRolePolicy', 'iam:SimulatePrincipalPolicy'], Resource: deploy },
          ],
        },
      },
      attachedPolicies: [],
      boundary: null,
    },
    {
      name: 'rolecall-web',
      trust: [],
      maxSessionDurationS: 3600,
      webIdentity: true,
      trustPolicy: {
        Version: V,
        Statement: [
          {
            Sid: 'GitHubActionsMain',
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${DEFAULT_GITHUB_ISSUER}` },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { [`${DEFAULT_GITHUB_ISSUER}:aud`]: 'sts.amazonaws.com' },
              StringLike: { [`${DEFAULT_GITHUB_ISSUER}:sub`]: 'repo:rolecall-org/*:ref:refs/heads/main' },
            },
          },
          {
            Sid: 'LocalExampleIssuer',
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${DEFAULT_EXAMPLE_ISSUER}` },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringEquals: { [`${DEFAULT_EXAMPLE_ISSUER}:aud`]: 'sts.amazonaws.com' } },
          },
        ],
      },
      policies: {
        ci: { Version: V, Statement: [{ Sid: 'ReadDemo', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [DEMO_BUCKET_ARN, `${DEMO_BUCKET_ARN}/*`] }] },
      },
      attachedPolicies: [],
      boundary: null,
    },
  ];
  if (instanceRole !== null) {
    const self = roleArn(account, instanceRole);
    roles.unshift({
      name: instanceRole,
      trust: [],
      maxSessionDurationS: 3600,
      webIdentity: false,
      trustPolicy: { Version: V, Statement: [{ Sid: 'Ec2', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      policies: {
        'rolecall-app': {
          Version: V,
          Statement: [
            { Sid: 'ReadDemo', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [DEMO_BUCKET_ARN, `${DEMO_BUCKET_ARN}/*`] },
            { Sid: 'AssumeDeploy', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: deploy },
            { Sid: 'SimulateSelf', Effect: 'Allow', Action: 'iam:SimulatePrincipalPolicy', Resource: self },
            { Sid: 'ProtectDemo', Effect: 'Deny', Action: 's3:DeleteObject', Resource: `${DEMO_BUCKET_ARN}/protected/*` },
          ],
        },
      },
      attachedPolicies: [],
      boundary: null,
    });
  }
  return roles;
}
