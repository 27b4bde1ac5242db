import { evaluateCondition } from '../conditions/evaluateCondition.js';
import { compileArnPattern, matchArn } from '../glob/ArnPattern.js';
import { matchGlob } from '../glob/compileGlob.js';
import type { Policy, PolicyKind, PrincipalSet, Statement } from '../policy/Policy.js';
import type { Lookup } from '../variables/Template.js';

/** Who is asking. Give what you know; a resource policy matches on it. @public */
export interface RequestPrincipal {
  /** The caller's ARN: an IAM user, a role session (`arn:aws:sts::A:assumed-role/R/S`), an account root. */
  readonly arn?: string;
  /** For a role session, the role's ARN (`arn:aws:iam::A:role/R`): trust and resource policies may name it. */
  readonly roleArn?: string;
  /** A web identity or SAML provider (its ARN or a name such as `accounts.google.com`). */
  readonly federated?: string;
  /** An AWS service principal (`ec2.amazonaws.com`). */
  readonly service?: string;
  readonly canonicalUser?: string;
}

/** A request context value; numbers and booleans are read as their text. @public */
export type ContextInput = string | number | boolean | readonly string[];

/** One request to decide. @public */
export interface EvaluationRequest {
  readonly principal: RequestPrincipal;
  readonly action: string;
  /** The resource ARN, or `*` for actions without one. */
  readonly resource: string;
  /** Condition keys (matched case-insensitively, as IAM does). */
  readonly context?: Readonly<Record<string, ContextInput>>;
}

/** The policies that apply to the request, by role in the evaluation. @public */
export interface PolicySet {
  readonly identity?: readonly Policy[];
  /** Resource-based policies, or the role's trust policy for `sts:AssumeRole*`. */
  readonly resource?: readonly Policy[];
  /** The principal's permissions boundary (absent: no cap). */
  readonly boundary?: Policy | null;
  /** Session policies passed at AssumeRole (absent or empty: no cap); together they form one cap. */
  readonly session?: readonly Policy[];
  /** A resource policy must allow (a trust policy for `sts:AssumeRole*` does). */
  readonly requireResourceAllow?: boolean;
  /** The account owning the resource; by default the resource ARN's, else the caller's. */
  readonly resourceAccount?: string;
}

/** The three outcomes, named as IAM's simulator names them. @public */
export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

/** A statement that matched the request (action, resource, principal and every condition). @public */
export interface MatchedStatement {
  readonly policyId: string;
  readonly policyKind: PolicyKind;
  readonly sid: string | undefined;
  readonly index: number;
  readonly effect: 'Allow' | 'Deny';
}

/** A decision with its explanation. @public */
export interface Evaluation {
  readonly decision: Decision;
  readonly action: string;
  readonly resource: string;
  /**
   * For a denial, the kind of policy that decided it: the one with the explicit
   * deny, or the one that had no allow (identity, resource, boundary, session).
   */
  readonly deniedBy: PolicyKind | null;
  /** The statements that decided: the denies, or the allows in every layer that had to allow. */
  readonly decisive: readonly MatchedStatement[];
  /** Every statement that matched, in evaluation order. */
  readonly matched: readonly MatchedStatement[];
  /** Condition keys (as the policies spell them) that a matching statement needed and the request lacked. */
  readonly missingContextKeys: readonly string[];
}

type Level = 0 | 1 | 2 | 3;
// How directly a resource policy names the caller: 3 its own ARN (or everyone),
// 2 its role (a session's role ARN), 1 only its account, 0 not at all.
const NONE: Level = 0;
const ACCOUNT: Level = 1;
const ROLE: Level = 2;
const EXACT: Level = 3;

/** The account part of an ARN (between its fourth and fifth colon), without splitting it. */
const accountOf = (arn: string | undefined): string | undefined => {
  if (arn === undefined || !arn.startsWith('arn:')) return undefined;
  let at = 3;
  for (let n = 0; n < 3; n++) {
    at = arn.indexOf(':', at + 1);
    if (at === -1) return undefined;
  }
  const end = arn.indexOf(':', at + 1);
  return end === -1 || end === at + 1 ? undefined : arn.slice(at + 1, end);
};

const principalAccounts = new WeakMap<RequestPrincipal, string | undefined>();

/** The caller's account, remembered per principal object (callers reuse them). */
function principalAccount(p: RequestPrincipal): string | undefined {
  if (principalAccounts.has(p)) return principalAccounts.get(p);
  const account = accountOf(p.arn ?? p.roleArn);
  principalAccounts.set(p, account);
  return account;
}

function principalLevel(set: PrincipalSet, p: RequestPrincipal): Level {
  if (set.any) return EXACT;
  let level: Level = NONE;
  for (const name of set.aws) {
    if (name === p.arn) return EXACT;
    if (name === p.roleArn) level = ROLE;
    else if (level === NONE && name.endsWith(':root') && accountOf(name) === principalAccount(p)) level = ACCOUNT;
  }
  if (p.federated !== undefined && set.federated.includes(p.federated)) return EXACT;
  if (p.service !== undefined && set.service.includes(p.service)) return EXACT;
  if (p.canonicalUser !== undefined && set.canonicalUser.includes(p.canonicalUser)) return EXACT;
  return level;
}

interface Scan {
  readonly actionLower: string;
  readonly resource: string;
  readonly principal: RequestPrincipal;
  readonly lookup: Lookup;
  readonly missing: (key: string) => void;
}

function actionMatches(st: Statement, actionLower: string): boolean {
  const globs = st.action.globs;
  let hit = false;
  for (let i = 0; i < globs.length; i++) {
    if (matchGlob(globs[i]!, actionLower)) {
      hit = true;
      break;
    }
  }
  return hit !== st.action.not;
}

function resourceMatches(st: Statement, scan: Scan): boolean {
  if (st.resource === null) return true;
  let hit = false;
  for (const pattern of st.resource.patterns) {
    const arn = pattern.arn ?? pattern.memo.resolve(pattern.template!, scan.lookup, scan.missing, compileArnPattern);
    if (arn === null) continue;
    if (matchArn(arn, scan.resource)) {
      hit = true;
      break;
    }
  }
  return hit !== st.resource.not;
}

/** Whether a statement applies; for statements with a principal, how directly it names the caller. */
function statementLevel(st: Statement, scan: Scan): Level {
  if (!actionMatches(st, scan.actionLower)) return NONE;
  let level: Level = EXACT;
  if (st.principal !== null) {
    const named = principalLevel(st.principal.set, scan.principal);
    level = st.principal.not ? (named === NONE ? EXACT : NONE) : named;
    if (level === NONE) return NONE;
  }
  if (!resourceMatches(st, scan)) return NONE;
  for (const c of st.conditions) if (!evaluateCondition(c, scan.lookup, scan.missing)) return NONE;
  return level;
}

interface Layer {
  allows: MatchedStatement[];
  denies: MatchedStatement[];
  level: Level;
}

// Shared and never written: a layer gets arrays of its own only when a statement matches.
const NO_STATEMENTS: MatchedStatement[] = [];
const EMPTY_LAYER: Layer = { allows: NO_STATEMENTS, denies: NO_STATEMENTS, level: NONE };

function scanPolicies(policies: readonly Policy[], scan: Scan, matched: MatchedStatement[]): Layer {
  let layer = EMPTY_LAYER;
  for (let p = 0; p < policies.length; p++) {
    const policy = policies[p]!;
    const statements = policy.statements;
    for (let s = 0; s < statements.length; s++) {
      const st = statements[s]!;
      const level = statementLevel(st, scan);
      if (level === NONE) continue;
      const m: MatchedStatement = { policyId: policy.id, policyKind: policy.kind, sid: st.sid, index: st.index, effect: st.effect };
      matched.push(m);
      if (layer === EMPTY_LAYER) layer = { allows: [], denies: [], level: NONE };
      if (st.effect === 'Deny') layer.denies.push(m);
      else {
        layer.allows.push(m);
        if (level > layer.level) layer.level = level;
      }
    }
  }
  return layer;
}

/**
 * Condition keys are case-insensitive. The key as the policy spells it usually
 * is the key as the request spells it, so that is tried first; when it misses
 * (a key the request lacks, most often) the keys are compared lower-cased in
 * place, the last one that folds the same winning, without building a map.
 */
const readContext = (v: ContextInput): string | readonly string[] => (typeof v === 'string' || Array.isArray(v) ? (v as string | readonly string[]) : String(v));
const noContext: Lookup = () => undefined;

function contextLookup(context: EvaluationRequest['context']): Lookup {
  if (context === undefined) return noContext;
  return (key, keyLower) => {
    if (Object.hasOwn(context, key)) return readContext(context[key]!);
    let found: ContextInput | undefined;
    for (const k in context) if (Object.hasOwn(context, k) && k.toLowerCase() === keyLower) found = context[k];
    return found === undefined ? undefined : readContext(found);
  };
}

const EMPTY: readonly Policy[] = [];

/**
 * Decides a request by AWS's policy evaluation logic: an explicit deny in any
 * policy wins; otherwise an allow is needed — from an identity policy, or in
 * the same account from a resource policy naming the caller — and every cap
 * present (permissions boundary, session policies) must allow too. A resource
 * policy naming the caller's own ARN is not capped; one naming a session's role
 * is capped by boundary and session policies; one naming only the account
 * needs an identity allow as well. Across accounts both sides must allow.
 * @public
 */
export function evaluate(request: EvaluationRequest, policies: PolicySet): Evaluation {
  const missingKeys: string[] = [];
  const scan: Scan = {
    actionLower: request.action.toLowerCase(),
    resource: request.resource,
    principal: request.principal,
    lookup: contextLookup(request.context),
    missing: (key) => {
      if (!missingKeys.includes(key)) missingKeys.push(key);
    },
  };
  const matched: MatchedStatement[] = [];
  const identity = scanPolicies(policies.identity ?? EMPTY, scan, matched);
  const resource = scanPolicies(policies.resource ?? EMPTY, scan, matched);
  const boundary = policies.boundary ? scanPolicies([policies.boundary], scan, matched) : null;
  const session = policies.session !== undefined && policies.session.length > 0 ? scanPolicies(policies.session, scan, matched) : null;

  const result = (decision: Decision, deniedBy: PolicyKind | null, decisive: readonly MatchedStatement[]): Evaluation => ({
    decision,
    action: request.action,
    resource: request.resource,
    deniedBy,
    decisive,
    matched,
    missingContextKeys: missingKeys,
  });

  if (identity.denies.length + resource.denies.length + (boundary?.denies.length ?? 0) + (session?.denies.length ?? 0) > 0) {
    const denies = [...identity.denies, ...resource.denies, ...(boundary?.denies ?? []), ...(session?.denies ?? [])];
    return result('explicitDeny', denies[0]!.policyKind, denies);
  }

  // Accounts matter only for resource policies and cross-account requests: found when first needed.
  let same: boolean | undefined;
  const sameAccount = (): boolean => {
    if (same === undefined) {
      const callerAccount = principalAccount(request.principal);
      const resourceAccount = policies.resourceAccount ?? accountOf(request.resource);
      same = callerAccount === undefined || resourceAccount === undefined || callerAccount === resourceAccount;
    }
    return same;
  };
  const boundaryOk = boundary === null || boundary.allows.length > 0;
  const sessionOk = session === null || session.allows.length > 0;
  const caps = (): readonly MatchedStatement[] => (boundary === null && session === null ? NO_STATEMENTS : [...(boundary?.allows ?? []), ...(session?.allows ?? [])]);
  const resourceKind: PolicyKind = policies.resource?.[0]?.kind ?? 'resource';

  if (resource.level === EXACT && sameAccount()) return result('allowed', null, resource.allows);
  if (resource.level === ROLE && sameAccount()) {
    if (!boundaryOk) return result('implicitDeny', 'boundary', []);
    if (!sessionOk) return result('implicitDeny', 'session', []);
    return result('allowed', null, [...resource.allows, ...caps()]);
  }
  if (identity.allows.length === 0) {
    // A federated or service caller has no identity policy to blame.
    const hasIdentity = request.principal.arn !== undefined || request.principal.roleArn !== undefined;
    const blameResource = !hasIdentity && resource.level === NONE && (policies.requireResourceAllow === true || !sameAccount());
    return result('implicitDeny', blameResource ? resourceKind : 'identity', []);
  }
  const needResource = policies.requireResourceAllow === true || !sameAccount();
  if (needResource && resource.level === NONE) return result('implicitDeny', resourceKind, []);
  if (!boundaryOk) return result('implicitDeny', 'boundary', []);
  if (!sessionOk) return result('implicitDeny', 'session', []);
  const capped = caps();
  return result('allowed', null, !needResource && capped.length === 0 ? identity.allows : [...identity.allows, ...(needResource ? resource.allows : []), ...capped]);
}
