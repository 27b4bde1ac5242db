import type { Identity } from '../domain/KeyStore.js';
import { type ActionInput, type ActionOutput, CHAINED_MAX_DURATION_S, ROLE_SESSION_KINDS } from './actions.js';
import { callerPrincipals, isTrusted } from './callerPrincipals.js';
import { stsRoleId } from './principalIds.js';
import { isStsError, stsError } from './StsError.js';
import { EXTERNAL_ID, POLICY, ROLE_ARN, ROLE_SESSION_NAME, SOURCE_IDENTITY, Validator, invalidRoleArn, packedPolicySize, parseRoleArn } from './Validator.js';
import { assumedRoleUserXml, credentialsXml, leaf } from './xml.js';

/** AssumeRole's bounds, before the role's own maximum: 15 min to 12 h, 1 h by default. @internal */
export const ASSUME_ROLE_DURATION = { min: 900, max: 43_200, fallback: 3600 } as const;

/**
 * AssumeRole: the role must be one of the account's configured roles and
 * trust the caller; a role session assuming a role is chained and capped at
 * one hour. Unknown roles and untrusted callers get the same AccessDenied,
 * as on AWS, so the answer does not reveal which roles exist.
 * @internal
 */
export function assumeRole({ ctx, params, caller }: ActionInput): ActionOutput {
  const v = new Validator(params);
  const roleArn = v.string('RoleArn', ROLE_ARN);
  const sessionName = v.string('RoleSessionName', ROLE_SESSION_NAME);
  const durationS = v.integer('DurationSeconds', ASSUME_ROLE_DURATION);
  const policy = v.string('Policy', POLICY);
  const sourceIdentity = v.string('SourceIdentity', SOURCE_IDENTITY);
  v.string('ExternalId', EXTERNAL_ID);
  const invalid = v.error();
  if (invalid) return invalid;
  if (roleArn === undefined || sessionName === undefined || caller === undefined) return stsError(500, 'InternalFailure', 'AssumeRole reached without a caller.');
  const target = parseRoleArn(roleArn);
  if (target === undefined) return invalidRoleArn(roleArn);
  const packed = packedPolicySize(policy);
  if (isStsError(packed)) return packed;

  const role = target.account === ctx.config.account ? ctx.config.roles.find((r) => r.name === target.roleName) : undefined;
  if (role === undefined || !isTrusted(role.trust, callerPrincipals(caller.identity))) {
    return stsError(403, 'AccessDenied', `User: ${caller.identity.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  }
  const chained = ROLE_SESSION_KINDS.has(caller.identity.kind);
  if (durationS > role.maxSessionDurationS) {
    return stsError(400, 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  if (chained && durationS > CHAINED_MAX_DURATION_S) {
    return stsError(400, 'ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  }

  const identity: Identity = {
    kind: 'assumed-role',
    account: ctx.config.account,
    arn: `arn:aws:sts::${ctx.config.account}:assumed-role/${role.name}/${sessionName}`,
    userId: `${stsRoleId(ctx.config.account, role.name)}:${sessionName}`,
    roleName: role.name,
    sessionName,
    ...(chained ? { chained: true } : {}),
  };
  const key = ctx.keys.issue({ identity, expiresAtMs: ctx.now() + durationS * 1000, issuedBy: 'sts' });
  return [
    credentialsXml(key),
    assumedRoleUserXml(identity),
    ...(packed === undefined ? [] : [leaf('PackedPolicySize', packed)]),
    ...(sourceIdentity === undefined ? [] : [leaf('SourceIdentity', sourceIdentity)]),
  ];
}
