import { denialMessage } from '@rolecall/iam-policy';
import type { Identity } from '../domain/KeyStore.js';
import { authorizeCall } from '../iam/authorizeCall.js';
import { type ActionInput, type ActionOutput, CHAINED_MAX_DURATION_S, ROLE_SESSION_KINDS } from './actions.js';
import { readSessionPolicies } from './readSessionPolicies.js';
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
export function assumeRole({ ctx, params, caller, policies, origin }: ActionInput): ActionOutput {
  const v = new Validator(params);
  const roleArn = v.string('RoleArn', ROLE_ARN);
  const sessionName = v.string('RoleSessionName', ROLE_SESSION_NAME);
  const durationS = v.integer('DurationSeconds', ASSUME_ROLE_DURATION);
  const policy = v.string('Policy', POLICY);
  const sourceIdentity = v.string('SourceIdentity', SOURCE_IDENTITY);
  const externalId = v.string('ExternalId', EXTERNAL_ID);
  const invalid = v.error();
  if (invalid) return invalid;
  if (roleArn === undefined || sessionName === undefined || caller === undefined) return stsError(500, 'InternalFailure', 'AssumeRole reached without a caller.');
  const target = parseRoleArn(roleArn);
  if (target === undefined) return invalidRoleArn(roleArn);
  const session = readSessionPolicies(params, policy, policies);
  if (isStsError(session)) return session;
  const packed = packedPolicySize(policy, session.arns.length);
  if (isStsError(packed)) return packed;

  // An unknown role is judged with no trust policy: the same AccessDenied as an untrusted caller (decision 0022).
  const known = target.account === ctx.config.account ? policies.role(target.roleName) : undefined;
  const evaluation = authorizeCall({
    store: policies,
    config: ctx.config,
    origin,
    identity: caller.identity,
    action: 'sts:AssumeRole',
    resource: roleArn,
    context: {
      'sts:RoleSessionName': sessionName,
      ...(externalId === undefined ? {} : { 'sts:ExternalId': externalId }),
      ...(sourceIdentity === undefined ? {} : { 'sts:SourceIdentity': sourceIdentity }),
    },
    trust: known?.trust ?? null,
    resourceAccount: target.account,
  });
  const role = known?.role;
  if (role === undefined || evaluation.decision !== 'allowed') {
    return stsError(403, 'AccessDenied', denialMessage(evaluation, caller.identity.arn) ?? `User: ${caller.identity.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
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
    ...(policy === undefined ? {} : { sessionPolicy: policy }),
    ...(session.arns.length === 0 ? {} : { sessionPolicyArns: session.arns }),
    issuedAtMs: ctx.now(),
  };
  const key = ctx.keys.issue({ identity, expiresAtMs: ctx.now() + durationS * 1000, issuedBy: 'sts' });
  return [
    credentialsXml(key),
    assumedRoleUserXml(identity),
    ...(packed === undefined ? [] : [leaf('PackedPolicySize', packed)]),
    ...(sourceIdentity === undefined ? [] : [leaf('SourceIdentity', sourceIdentity)]),
  ];
}
