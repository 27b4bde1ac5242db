import { evaluate, parsePolicy, type ContextInput, type Evaluation, type Policy } from '@rolecall/iam-policy';
import type { Identity } from '../domain/KeyStore.js';
import type { ResolvedMockConfig } from '../domain/MockConfig.js';
import type { PolicyStore } from './createPolicyStore.js';
import { globalContext, type RequestOrigin } from './globalContext.js';

/** One call to authorise. @public */
export interface AuthorizeCallInput {
  readonly store: PolicyStore;
  readonly config: ResolvedMockConfig;
  readonly origin: RequestOrigin;
  readonly identity: Identity;
  readonly action: string;
  readonly resource: string;
  /** Service keys of this call (`sts:RoleSessionName`, ...), added to the global ones. */
  readonly context?: Readonly<Record<string, ContextInput>>;
  /** A resource policy (a role's trust policy for AssumeRole), which must then allow. */
  readonly trust?: Policy | null;
  readonly resourceAccount?: string;
}

const ALLOW_ALL: Policy = parsePolicy({ Version: '2012-10-17', Statement: [{ Sid: 'EnforcementOff', Effect: 'Allow', Action: '*', Resource: '*' }] }, { kind: 'identity', id: 'enforcePolicies: false' });

/**
 * Decides one call by the caller's identity policies, boundary and session
 * policies (and the role's trust policy for AssumeRole), with the global
 * context keys the mock knows. With enforcement off, only a trust policy is
 * consulted, as the mock did before it had policies.
 * @public
 */
export function authorizeCall(input: AuthorizeCallInput): Evaluation {
  const caller = input.store.caller(input.identity);
  const context = { ...globalContext(input.identity, caller.principalArn, input.config, input.origin), ...input.context };
  const trust = input.trust === undefined ? undefined : input.trust === null ? [] : [input.trust];
  if (!input.store.enforce) {
    // Without enforcement only the trust policy speaks; no trust to check means allowed.
    if (trust === undefined) return evaluate({ principal: caller.principal, action: input.action, resource: input.resource }, { identity: [ALLOW_ALL] });
    return evaluate({ principal: caller.principal, action: input.action, resource: input.resource, context }, { resource: trust, requireResourceAllow: true, identity: [ALLOW_ALL], ...(input.resourceAccount ? { resourceAccount: input.resourceAccount } : {}) });
  }
  return evaluate(
    { principal: caller.principal, action: input.action, resource: input.resource, context },
    { ...caller.policies, ...(trust ? { resource: trust, requireResourceAllow: true } : {}), ...(input.resourceAccount ? { resourceAccount: input.resourceAccount } : {}) },
  );
}

