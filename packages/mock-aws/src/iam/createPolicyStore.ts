import { parsePolicy, type Policy, type PolicySet, type RequestPrincipal } from '@rolecall/iam-policy';
import type { Identity } from '../domain/KeyStore.js';
import type { MockRole, MockUser, PolicyDocument, ResolvedMockConfig } from '../domain/MockConfig.js';
import { trustFromShorthand } from './trustFromShorthand.js';

/** A user's or role's compiled policies. @public */
export interface PrincipalPolicies {
  /** Inline policies then attached managed ones. */
  readonly identity: readonly Policy[];
  readonly boundary: Policy | null;
}

/** A role's compiled policies and trust policy. @public */
export interface RolePolicies extends PrincipalPolicies {
  readonly role: MockRole;
  readonly arn: string;
  readonly trust: Policy;
}

/** The caller as the policy engine sees it. @public */
export interface CallerPolicies {
  readonly principal: RequestPrincipal;
  /** `aws:PrincipalArn`: the user, or the role of a role session. */
  readonly principalArn: string;
  readonly policies: Pick<PolicySet, 'identity' | 'boundary' | 'session'>;
}

/** Every policy of the mock's configuration, compiled once per reset. @public */
export interface PolicyStore {
  readonly enforce: boolean;
  user(name: string): (PrincipalPolicies & { readonly user: MockUser; readonly arn: string }) | undefined;
  role(name: string): RolePolicies | undefined;
  /** A customer managed policy by ARN (`arn:aws:iam::ACCOUNT:policy/NAME`). */
  managed(arn: string): { readonly name: string; readonly policy: Policy } | undefined;
  caller(identity: Identity): CallerPolicies;
}

const ROLE_SESSION_KINDS = new Set(['instance-role', 'container-role', 'assumed-role', 'web-identity']);

/**
 * Compiles the configuration's policies (resolveConfig has validated them)
 * and maps a key's identity to what the engine needs: a role session is its
 * role's policies plus the session policies it was issued with.
 * @public
 */
export function createPolicyStore(config: ResolvedMockConfig): PolicyStore {
  const account = config.account;
  const managedArn = (name: string): string => `arn:aws:iam::${account}:policy/${name}`;
  const managed = new Map<string, { name: string; policy: Policy }>();
  for (const [name, doc] of Object.entries(config.managedPolicies ?? {})) {
    managed.set(managedArn(name), { name, policy: parsePolicy(doc, { kind: 'identity', id: managedArn(name) }) });
  }
  const compile = (owner: string, p: { policies?: Readonly<Record<string, PolicyDocument>>; attachedPolicies?: readonly string[]; boundary?: PolicyDocument | null }): PrincipalPolicies => ({
    identity: [
      ...Object.entries(p.policies ?? {}).map(([name, doc]) => parsePolicy(doc, { kind: 'identity', id: name })),
      ...(p.attachedPolicies ?? []).flatMap((name) => managed.get(managedArn(name))?.policy ?? []),
    ],
    boundary: p.boundary ? parsePolicy(p.boundary, { kind: 'boundary', id: `${owner} permissions boundary` }) : null,
  });
  const users = new Map(
    config.users.map((u) => {
      const arn = `arn:aws:iam::${account}:user/${u.name}`;
      return [u.name, { user: u, arn, ...compile(`user/${u.name}`, u) }] as const;
    }),
  );
  const roles = new Map(
    config.roles.map((r) => {
      const arn = `arn:aws:iam::${account}:role/${r.name}`;
      const trust = parsePolicy(r.trustPolicy ?? trustFromShorthand(r), { kind: 'trust', id: `role/${r.name} trust policy` });
      return [r.name, { role: r, arn, trust, ...compile(`role/${r.name}`, r) }] as const;
    }),
  );
  const sessionCache = new WeakMap<Identity, readonly Policy[]>();
  const sessionPolicies = (identity: Identity): readonly Policy[] => {
    let cached = sessionCache.get(identity);
    if (cached === undefined) {
      cached = [
        ...(identity.sessionPolicy === undefined ? [] : [parsePolicy(identity.sessionPolicy, { kind: 'session', id: 'session policy' })]),
        ...(identity.sessionPolicyArns ?? []).flatMap((arn) => {
          const m = managed.get(arn);
          return m ? [parsePolicy(m.policy.document, { kind: 'session', id: arn })] : [];
        }),
      ];
      sessionCache.set(identity, cached);
    }
    return cached;
  };

  return {
    enforce: config.enforcePolicies !== false,
    user: (name) => users.get(name),
    role: (name) => roles.get(name),
    managed: (arn) => managed.get(arn),
    caller(identity) {
      if (ROLE_SESSION_KINDS.has(identity.kind) && identity.roleName !== undefined) {
        const roleArn = `arn:aws:iam::${identity.account}:role/${identity.roleName}`;
        const role = identity.account === account ? roles.get(identity.roleName) : undefined;
        const session = sessionPolicies(identity);
        return {
          principal: { arn: identity.arn, roleArn },
          principalArn: roleArn,
          policies: { identity: role?.identity ?? [], boundary: role?.boundary ?? null, ...(session.length > 0 ? { session } : {}) },
        };
      }
      const name = /:user\/(?:.*\/)?([^/]+)$/.exec(identity.arn)?.[1];
      const user = name === undefined ? undefined : users.get(name);
      return { principal: { arn: identity.arn }, principalArn: identity.arn, policies: { identity: user?.identity ?? [], boundary: user?.boundary ?? null } };
    },
  };
}
