import type { Identity } from '../domain/KeyStore.js';
import type { ActionInput, ActionOutput } from './actions.js';
import { ASSUME_ROLE_DURATION } from './assumeRole.js';
import { decodeWebIdentityToken } from './makeWebIdentityToken.js';
import { stsRoleId } from './principalIds.js';
import { isStsError, stsError } from './StsError.js';
import { POLICY, ROLE_ARN, ROLE_SESSION_NAME, Validator, invalidRoleArn, packedPolicySize, parseRoleArn } from './Validator.js';
import { assumedRoleUserXml, credentialsXml, leaf } from './xml.js';

/**
 * AssumeRoleWithWebIdentity, unsigned: the token's claims are trusted as they
 * are (the mock has no provider keys) but must be present and unexpired on
 * the virtual clock; the role must allow web identity (decision 0024).
 * @internal
 */
export function assumeRoleWithWebIdentity({ ctx, params }: ActionInput): ActionOutput {
  const v = new Validator(params);
  const roleArn = v.string('RoleArn', ROLE_ARN);
  const sessionName = v.string('RoleSessionName', ROLE_SESSION_NAME);
  const token = v.string('WebIdentityToken', { required: true, min: 4, max: 20_000, secret: true });
  const durationS = v.integer('DurationSeconds', ASSUME_ROLE_DURATION);
  const policy = v.string('Policy', POLICY);
  const invalid = v.error();
  if (invalid) return invalid;
  if (roleArn === undefined || sessionName === undefined || token === undefined) return stsError(500, 'InternalFailure', 'Validation let a required parameter through.');
  const target = parseRoleArn(roleArn);
  if (target === undefined) return invalidRoleArn(roleArn);
  const packed = packedPolicySize(policy);
  if (isStsError(packed)) return packed;

  const claims = decodeWebIdentityToken(token);
  if (typeof claims === 'string') return stsError(400, 'InvalidIdentityToken', claims);
  const nowS = Math.floor(ctx.now() / 1000);
  if (nowS >= claims.exp) {
    return stsError(400, 'ExpiredTokenException', `Token expired: current date/time ${nowS} must be before the expiration date/time ${claims.exp}`);
  }
  const role = target.account === ctx.config.account ? ctx.config.roles.find((r) => r.name === target.roleName) : undefined;
  if (role === undefined || !role.webIdentity) return stsError(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
  if (durationS > role.maxSessionDurationS) {
    return stsError(400, 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }

  const identity: Identity = {
    kind: 'web-identity',
    account: ctx.config.account,
    arn: `arn:aws:sts::${ctx.config.account}:assumed-role/${role.name}/${sessionName}`,
    userId: `${stsRoleId(ctx.config.account, role.name)}:${sessionName}`,
    roleName: role.name,
    sessionName,
  };
  const key = ctx.keys.issue({ identity, expiresAtMs: ctx.now() + durationS * 1000, issuedBy: 'sts' });
  return [
    credentialsXml(key),
    leaf('SubjectFromWebIdentityToken', claims.sub),
    assumedRoleUserXml(identity),
    ...(packed === undefined ? [] : [leaf('PackedPolicySize', packed)]),
    leaf('Provider', claims.iss),
    leaf('Audience', claims.aud),
  ];
}
