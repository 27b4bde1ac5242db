import { evaluate } from '@rolecall/iam-policy';
import type { Identity } from '../domain/KeyStore.js';
import type { ActionInput, ActionOutput } from './actions.js';
import { readSessionPolicies } from './readSessionPolicies.js';
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
export function assumeRoleWithWebIdentity({ ctx, params, policies, origin }: ActionInput): ActionOutput {
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
  const session = readSessionPolicies(params, policy, policies);
  if (isStsError(session)) return session;
  const packed = packedPolicySize(policy, session.arns.length);
  if (isStsError(packed)) return packed;

  const claims = decodeWebIdentityToken(token);
  if (typeof claims === 'string') return stsError(400, 'InvalidIdentityToken', claims);
  const nowS = Math.floor(ctx.now() / 1000);
  if (nowS >= claims.exp) {
    return stsError(400, 'ExpiredTokenException', `Token expired: current date/time ${nowS} must be before the expiration date/time ${claims.exp}`);
  }
  const known = target.account === ctx.config.account ? policies.role(target.roleName) : undefined;
  if (known === undefined) return stsError(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
  // The provider is named by the issuer without its scheme, as IAM names OIDC providers; its claims are condition keys.
  const issuer = claims.iss.replace(/^https:\/\//, '');
  const provider = `arn:aws:iam::${ctx.config.account}:oidc-provider/${issuer}`;
  const evaluation = evaluate(
    {
      principal: { federated: provider },
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: roleArn,
      context: {
        'aws:FederatedProvider': provider,
        [`${issuer}:sub`]: claims.sub,
        [`${issuer}:aud`]: claims.aud,
        ...(origin.sourceIp === undefined ? {} : { 'aws:SourceIp': origin.sourceIp }),
        'aws:CurrentTime': new Date(origin.nowMs).toISOString(),
        'aws:EpochTime': String(Math.floor(origin.nowMs / 1000)),
      },
    },
    { resource: [known.trust], requireResourceAllow: true, resourceAccount: target.account },
  );
  if (evaluation.decision !== 'allowed') return stsError(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
  const role = known.role;
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
    ...(policy === undefined ? {} : { sessionPolicy: policy }),
    ...(session.arns.length === 0 ? {} : { sessionPolicyArns: session.arns }),
    issuedAtMs: ctx.now(),
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
