import type { MockRole, PolicyDocument } from '../domain/MockConfig.js';

/**
 * The trust policy a role's `trust` list and `webIdentity` flag stand for
 * (docs/decisions/0112): exact principal ARNs are named in `Principal.AWS`;
 * globs, which IAM does not allow in a principal, become `Principal: "*"` with
 * an `ArnLike` condition on `aws:PrincipalArn` (the idiom AWS documents for
 * "any role matching a pattern"); `*.amazonaws.com` entries are service
 * principals; `webIdentity: true` trusts any web identity provider.
 * @internal
 */
export function trustFromShorthand(role: Pick<MockRole, 'trust' | 'webIdentity'>): PolicyDocument {
  const statements: object[] = [];
  const services = role.trust.filter((t) => !t.startsWith('arn:') && t.endsWith('.amazonaws.com'));
  const arns = role.trust.filter((t) => t.startsWith('arn:'));
  const exact = arns.filter((t) => !t.includes('*') && !t.includes('?'));
  const globs = arns.filter((t) => t.includes('*') || t.includes('?'));
  if (services.length > 0) statements.push({ Sid: 'TrustServices', Effect: 'Allow', Principal: { Service: services }, Action: 'sts:AssumeRole' });
  if (exact.length > 0) statements.push({ Sid: 'TrustPrincipals', Effect: 'Allow', Principal: { AWS: exact }, Action: ['sts:AssumeRole', 'sts:TagSession'] });
  if (globs.length > 0) {
    statements.push({ Sid: 'TrustPattern', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['sts:AssumeRole', 'sts:TagSession'], Condition: { ArnLike: { 'aws:PrincipalArn': globs } } });
  }
  if (role.webIdentity) statements.push({ Sid: 'TrustWebIdentity', Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity' });
  return { Version: '2012-10-17', Statement: statements };
}
