import type { Identity } from '../domain/KeyStore.js';
import { ROLE_SESSION_KINDS } from './actions.js';

/**
 * The principal ARNs a role's trust list is matched against for a caller: a
 * user (or a user's GetSessionToken session) is its user ARN; a role session
 * is both its session ARN and its role's ARN, since trust policies usually
 * name the role (decision 0022).
 * @internal
 */
export function callerPrincipals(identity: Identity): readonly string[] {
  if (!ROLE_SESSION_KINDS.has(identity.kind)) return [identity.arn];
  const roleName = identity.roleName ?? /:assumed-role\/([^/]+)\//.exec(identity.arn)?.[1];
  return roleName === undefined ? [identity.arn] : [identity.arn, `arn:aws:iam::${identity.account}:role/${roleName}`];
}

/** Whether any trust entry (`*` any run, `?` one character) matches any of the principals. @internal */
export function isTrusted(trust: readonly string[], principals: readonly string[]): boolean {
  return trust.some((pattern) => {
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    return principals.some((p) => re.test(p));
  });
}
