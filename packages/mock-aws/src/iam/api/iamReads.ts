import { denialMessage } from '@rolecall/iam-policy';
import type { PolicyDocument } from '../../domain/MockConfig.js';
import type { ActionInput, ActionOutput } from '../../sts/actions.js';
import { stsRoleId, stsUserId } from '../../sts/principalIds.js';
import { echo, stsError, type StsError } from '../../sts/StsError.js';
import { element, isoSeconds, leaf } from '../../sts/xml.js';
import { authorizeCall } from '../authorizeCall.js';
import type { RolePolicies } from '../createPolicyStore.js';
import { trustFromShorthand } from '../trustFromShorthand.js';

/** IAM answers policy documents URL-encoded, as the real service does (the CLI decodes them). */
const encoded = (doc: PolicyDocument): string => encodeURIComponent(JSON.stringify(doc));

/** The caller may do `action` on `resource`, or the AccessDenied IAM would answer. @internal */
export function authorizeIam(input: ActionInput, action: string, resource: string): StsError | null {
  const identity = input.caller?.identity;
  if (identity === undefined) return stsError(500, 'InternalFailure', `${action} reached without a caller.`);
  const evaluation = authorizeCall({ store: input.policies, config: input.ctx.config, origin: input.origin, identity, action, resource });
  return evaluation.decision === 'allowed' ? null : stsError(403, 'AccessDenied', denialMessage(evaluation, identity.arn) ?? 'Access denied');
}

const required = (input: ActionInput, name: string): string | StsError => {
  const value = input.params.get(name);
  if (value === undefined || value === '') {
    return stsError(400, 'ValidationError', `1 validation error detected: Value null at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
};

const roleArn = (input: ActionInput, name: string): string => `arn:aws:iam::${input.ctx.config.account}:role/${name}`;
const userArn = (input: ActionInput, name: string): string => `arn:aws:iam::${input.ctx.config.account}:user/${name}`;
const created = (input: ActionInput): string => leaf('CreateDate', isoSeconds(Date.parse(input.ctx.config.startTime)));
const noRole = (name: string): StsError => stsError(404, 'NoSuchEntity', `The role with name ${echo(name)} cannot be found.`);
const noUser = (name: string): StsError => stsError(404, 'NoSuchEntity', `The user with name ${echo(name)} cannot be found.`);

function roleXml(input: ActionInput, role: RolePolicies): string {
  return element('Role', [
    leaf('Path', '/'),
    leaf('RoleName', role.role.name),
    leaf('RoleId', stsRoleId(input.ctx.config.account, role.role.name)),
    leaf('Arn', role.arn),
    created(input),
    leaf('AssumeRolePolicyDocument', encoded(role.role.trustPolicy ?? trustFromShorthand(role.role))),
    leaf('MaxSessionDuration', role.role.maxSessionDurationS),
  ]);
}

const names = (list: readonly string[]): string => element('PolicyNames', list.map((n) => leaf('member', n)));
const NOT_TRUNCATED = leaf('IsTruncated', 'false');

/** GetRole. @internal */
export function getRole(input: ActionInput): ActionOutput {
  const name = required(input, 'RoleName');
  if (typeof name !== 'string') return name;
  const denied = authorizeIam(input, 'iam:GetRole', roleArn(input, name));
  if (denied) return denied;
  const role = input.policies.role(name);
  return role ? [roleXml(input, role)] : noRole(name);
}

/** ListRolePolicies. @internal */
export function listRolePolicies(input: ActionInput): ActionOutput {
  const name = required(input, 'RoleName');
  if (typeof name !== 'string') return name;
  const denied = authorizeIam(input, 'iam:ListRolePolicies', roleArn(input, name));
  if (denied) return denied;
  const role = input.policies.role(name);
  return role ? [names(Object.keys(role.role.policies ?? {})), NOT_TRUNCATED] : noRole(name);
}

/** GetRolePolicy. @internal */
export function getRolePolicy(input: ActionInput): ActionOutput {
  const name = required(input, 'RoleName');
  if (typeof name !== 'string') return name;
  const policyName = required(input, 'PolicyName');
  if (typeof policyName !== 'string') return policyName;
  const denied = authorizeIam(input, 'iam:GetRolePolicy', roleArn(input, name));
  if (denied) return denied;
  const role = input.policies.role(name);
  if (!role) return noRole(name);
  const doc = role.role.policies?.[policyName];
  if (doc === undefined || !Object.hasOwn(role.role.policies ?? {}, policyName)) {
    return stsError(404, 'NoSuchEntity', `The role policy with name ${echo(policyName)} cannot be found.`);
  }
  return [leaf('RoleName', name), leaf('PolicyName', policyName), leaf('PolicyDocument', encoded(doc))];
}

/** ListAttachedRolePolicies. @internal */
export function listAttachedRolePolicies(input: ActionInput): ActionOutput {
  const name = required(input, 'RoleName');
  if (typeof name !== 'string') return name;
  const denied = authorizeIam(input, 'iam:ListAttachedRolePolicies', roleArn(input, name));
  if (denied) return denied;
  const role = input.policies.role(name);
  if (!role) return noRole(name);
  const account = input.ctx.config.account;
  const attached = (role.role.attachedPolicies ?? []).map((p) =>
    element('member', [leaf('PolicyName', p), leaf('PolicyArn', `arn:aws:iam::${account}:policy/${p}`)]),
  );
  return [element('AttachedPolicies', attached), NOT_TRUNCATED];
}

/** GetInstanceProfile: the instance's profile is named after its role. @internal */
export function getInstanceProfile(input: ActionInput): ActionOutput {
  const name = required(input, 'InstanceProfileName');
  if (typeof name !== 'string') return name;
  const account = input.ctx.config.account;
  const arn = `arn:aws:iam::${account}:instance-profile/${name}`;
  const denied = authorizeIam(input, 'iam:GetInstanceProfile', arn);
  if (denied) return denied;
  const roleName = input.ctx.config.instance.role;
  const role = roleName === name ? input.policies.role(roleName) : undefined;
  if (!role) return stsError(404, 'NoSuchEntity', `Instance Profile ${echo(name)} cannot be found.`);
  return [
    element('InstanceProfile', [
      leaf('Path', '/'),
      leaf('InstanceProfileName', name),
      // AIPA is the prefix AWS gives instance profile ids.
      leaf('InstanceProfileId', `AIPA${stsRoleId(account, name).slice(4)}`),
      leaf('Arn', arn),
      created(input),
      element('Roles', [roleXml(input, role).replace(/^<Role>/, '<member>').replace(/<\/Role>$/, '</member>')]),
    ]),
  ];
}

/** GetUser: the named user, or the calling user. @internal */
export function getUser(input: ActionInput): ActionOutput {
  const identity = input.caller?.identity;
  let name = input.params.get('UserName');
  if (name === undefined) {
    name = identity && (identity.kind === 'user' || identity.kind === 'session') ? /:user\/(?:.*\/)?([^/]+)$/.exec(identity.arn)?.[1] : undefined;
    if (name === undefined) return stsError(400, 'ValidationError', 'Must specify userName when calling with non-User credentials');
  }
  const denied = authorizeIam(input, 'iam:GetUser', userArn(input, name));
  if (denied) return denied;
  const user = input.policies.user(name);
  if (!user) return noUser(name);
  return [
    element('User', [leaf('Path', '/'), leaf('UserName', name), leaf('UserId', stsUserId(input.ctx.config.account, name)), leaf('Arn', user.arn), created(input)]),
  ];
}

/** ListUserPolicies. @internal */
export function listUserPolicies(input: ActionInput): ActionOutput {
  const name = required(input, 'UserName');
  if (typeof name !== 'string') return name;
  const denied = authorizeIam(input, 'iam:ListUserPolicies', userArn(input, name));
  if (denied) return denied;
  const user = input.policies.user(name);
  return user ? [names(Object.keys(user.user.policies ?? {})), NOT_TRUNCATED] : noUser(name);
}

/** GetUserPolicy. @internal */
export function getUserPolicy(input: ActionInput): ActionOutput {
  const name = required(input, 'UserName');
  if (typeof name !== 'string') return name;
  const policyName = required(input, 'PolicyName');
  if (typeof policyName !== 'string') return policyName;
  const denied = authorizeIam(input, 'iam:GetUserPolicy', userArn(input, name));
  if (denied) return denied;
  const user = input.policies.user(name);
  if (!user) return noUser(name);
  const policies = user.user.policies ?? {};
  if (!Object.hasOwn(policies, policyName)) return stsError(404, 'NoSuchEntity', `The user policy with name ${echo(policyName)} cannot be found.`);
  return [leaf('UserName', name), leaf('PolicyName', policyName), leaf('PolicyDocument', encoded(policies[policyName]!))];
}
