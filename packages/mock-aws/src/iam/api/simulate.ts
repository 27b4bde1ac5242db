import { checkPolicy, evaluate, type ContextInput, type Evaluation, type MatchedStatement, type Policy, type PolicyKind, type RequestPrincipal } from '@rolecall/iam-policy';
import type { ActionInput, ActionOutput } from '../../sts/actions.js';
import { echo, stsError, type StsError } from '../../sts/StsError.js';
import { element, leaf } from '../../sts/xml.js';
import { authorizeIam } from './iamReads.js';
import { contextEntries, memberList } from './queryParams.js';
import { statementPositions } from './statementPositions.js';

interface Source {
  readonly type: string;
  readonly text: string;
}

function parseInputs(texts: readonly string[], kind: PolicyKind, field: string, sources: Map<Policy, Source>): Policy[] | StsError {
  const out: Policy[] = [];
  for (const [i, text] of texts.entries()) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return stsError(400, 'MalformedPolicyDocument', `${field}.${i + 1}: Syntax errors in policy.`);
    }
    const checked = checkPolicy(parsed, { kind, id: `${field}.${i + 1}` });
    if (!checked.ok) return stsError(400, 'MalformedPolicyDocument', checked.error.message);
    sources.set(checked.policy, { type: kind === 'resource' ? 'Resource Policy' : 'IAM Policy', text });
    out.push(checked.policy);
  }
  return out;
}

/** The simulator's context: lists stay lists, single values are strings. */
function contextOf(input: ActionInput): Record<string, ContextInput> {
  const context: Record<string, ContextInput> = {};
  for (const entry of contextEntries(input.params)) {
    context[entry.key] = entry.type.endsWith('List') ? entry.values : (entry.values[0] ?? '');
  }
  return context;
}

function statementsXml(statements: readonly MatchedStatement[], sources: ReadonlyMap<Policy, Source>, byId: ReadonlyMap<string, Policy>): string {
  return element(
    'MatchedStatements',
    statements.map((s) => {
      const policy = byId.get(s.policyId);
      const source = policy === undefined ? undefined : sources.get(policy);
      const position = source === undefined ? undefined : statementPositions(source.text)[s.index];
      return element('member', [
        leaf('SourcePolicyId', s.policyId),
        leaf('SourcePolicyType', source?.type ?? 'IAM Policy'),
        ...(position
          ? [
              element('StartPosition', [leaf('Line', position.start.line), leaf('Column', position.start.column)]),
              element('EndPosition', [leaf('Line', position.end.line), leaf('Column', position.end.column)]),
            ]
          : []),
      ]);
    }),
  );
}

function resultXml(e: Evaluation, hasBoundary: boolean, sources: ReadonlyMap<Policy, Source>, byId: ReadonlyMap<string, Policy>): string {
  const matched = statementsXml(e.decisive, sources, byId);
  const missing = element('MissingContextValues', e.missingContextKeys.map((k) => leaf('member', k)));
  return element('member', [
    leaf('EvalActionName', e.action),
    leaf('EvalResourceName', e.resource),
    leaf('EvalDecision', e.decision),
    matched,
    missing,
    ...(hasBoundary ? [element('PermissionsBoundaryDecisionDetail', [leaf('AllowedByPermissionsBoundary', String(e.deniedBy !== 'boundary'))])] : []),
    element('ResourceSpecificResults', [
      element('member', [leaf('EvalResourceName', e.resource), leaf('EvalResourceDecision', e.decision), matched, missing]),
    ]),
  ]);
}

interface Subject {
  readonly principal: RequestPrincipal;
  readonly identity: readonly Policy[];
  readonly boundary: Policy | null;
}

function run(input: ActionInput, subject: Subject, sources: Map<Policy, Source>): ActionOutput {
  const actions = memberList(input.params, 'ActionNames');
  if (actions.length === 0) return stsError(400, 'ValidationError', "1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null");
  const resources = memberList(input.params, 'ResourceArns');
  const extra = parseInputs(memberList(input.params, 'PolicyInputList'), 'identity', 'PolicyInputList', sources);
  if (!Array.isArray(extra)) return extra;
  const boundaries = parseInputs(memberList(input.params, 'PermissionsBoundaryPolicyInputList'), 'boundary', 'PermissionsBoundaryPolicyInputList', sources);
  if (!Array.isArray(boundaries)) return boundaries;
  const resourcePolicyText = input.params.get('ResourcePolicy');
  const resourcePolicies = resourcePolicyText === undefined ? [] : parseInputs([resourcePolicyText], 'resource', 'ResourcePolicy', sources);
  if (!Array.isArray(resourcePolicies)) return resourcePolicies;
  const owner = input.params.get('ResourceOwner');
  const boundary = boundaries[0] ?? subject.boundary;
  const identity = [...subject.identity, ...extra];
  const byId = new Map([...identity, ...(boundary ? [boundary] : []), ...resourcePolicies].map((p) => [p.id, p] as const));
  const context = contextOf(input);
  const results: string[] = [];
  for (const action of actions) {
    for (const resource of resources.length === 0 ? ['*'] : resources) {
      const e = evaluate(
        { principal: subject.principal, action, resource, context },
        { identity, boundary, resource: resourcePolicies, ...(owner ? { resourceAccount: /^arn:[^:]*:iam::(\d{12}):/.exec(owner)?.[1] ?? owner } : {}) },
      );
      results.push(resultXml(e, boundary !== null, sources, byId));
    }
  }
  return [element('EvaluationResults', results), leaf('IsTruncated', 'false')];
}

/** SimulateCustomPolicy: the given policies only, no principal's own. @internal */
export function simulateCustomPolicy(input: ActionInput): ActionOutput {
  const denied = authorizeIam(input, 'iam:SimulateCustomPolicy', '*');
  if (denied) return denied;
  if (memberList(input.params, 'PolicyInputList').length === 0) {
    return stsError(400, 'ValidationError', "1 validation error detected: Value null at 'policyInputList' failed to satisfy constraint: Member must not be null");
  }
  const caller = input.params.get('CallerArn');
  return run(input, { principal: caller ? { arn: caller } : {}, identity: [], boundary: null }, new Map());
}

/** SimulatePrincipalPolicy: a user's or role's own policies (plus any given). @internal */
export function simulatePrincipalPolicy(input: ActionInput): ActionOutput {
  const source = input.params.get('PolicySourceArn');
  if (source === undefined) return stsError(400, 'ValidationError', "1 validation error detected: Value null at 'policySourceArn' failed to satisfy constraint: Member must not be null");
  const denied = authorizeIam(input, 'iam:SimulatePrincipalPolicy', source);
  if (denied) return denied;
  const match = /^arn:aws[a-z-]*:iam::(\d{12}):(user|role)\/(?:.*\/)?([\w+=,.@-]+)$/.exec(source);
  if (match === null) return stsError(400, 'InvalidParameterValue', `Invalid ARN: ${echo(source)} is not a user or role ARN (arn:aws:iam::ACCOUNT:user/NAME or :role/NAME).`);
  const [, account, type, name] = match as unknown as [string, string, 'user' | 'role', string];
  const found = account === input.ctx.config.account ? (type === 'user' ? input.policies.user(name) : input.policies.role(name)) : undefined;
  if (found === undefined) return stsError(404, 'NoSuchEntity', `The ${type} with name ${echo(name)} cannot be found.`);
  const sources = new Map<Policy, Source>();
  for (const p of found.identity) sources.set(p, { type: p.id.startsWith('arn:') ? 'user-managed' : type, text: JSON.stringify(p.document) });
  if (found.boundary) sources.set(found.boundary, { type: 'permissions-boundary', text: JSON.stringify(found.boundary.document) });
  const caller = input.params.get('CallerArn');
  const principal: RequestPrincipal = type === 'role' ? { arn: caller ?? found.arn, roleArn: found.arn } : { arn: caller ?? found.arn };
  return run(input, { principal, identity: found.identity, boundary: found.boundary }, sources);
}
