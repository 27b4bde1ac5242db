import { compileArnPattern, type ArnPattern } from '../glob/ArnPattern.js';
import { compileGlob, type Glob } from '../glob/compileGlob.js';
import { parseIpRange } from '../conditions/IpRange.js';
import { parseDate, parseOperator } from '../conditions/operators.js';
import { MalformedPolicyError } from '../errors/MalformedPolicyError.js';
import { CompileMemo, parseTemplate, piecesText, staticPieces } from '../variables/Template.js';
import type { Condition, ConditionValue, Policy, PolicyKind, PrincipalSet, ResourcePattern, Statement } from './Policy.js';

/** What {@link parsePolicy} needs to know besides the document. @public */
export interface ParsePolicyOptions {
  readonly kind: PolicyKind;
  /** Names the policy in explanations; defaults to the kind. */
  readonly id?: string;
}

// IAM's own messages (MalformedPolicyDocument), so a fake IAM can answer with them unchanged.
const SYNTAX = 'Syntax errors in policy.';
const VENDOR = 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.';
const TOP_FIELDS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_FIELDS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);
const PRINCIPAL_TYPES = new Set(['AWS', 'Federated', 'Service', 'CanonicalUser']);
const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+$/;
const CONDITION_KEY = /^[A-Za-z0-9_.-]+:\S+$/;
const AWS_PRINCIPAL = /^arn:aws[a-z-]*:(iam|sts)::\d{12}:\S+$/;
const ACCOUNT = /^\d{12}$/;
const SID = /^[0-9A-Za-z]*$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function strings(value: unknown, index: number): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new MalformedPolicyError(SYNTAX, index);
  return list.map((v) => {
    if (typeof v !== 'string') throw new MalformedPolicyError(SYNTAX, index);
    return v;
  });
}

function conditionValues(value: unknown, index: number): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new MalformedPolicyError(SYNTAX, index);
  return list.map((v) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new MalformedPolicyError(SYNTAX, index);
  });
}

function principalSet(value: unknown, field: string, index: number): PrincipalSet {
  if (value === '*') return { any: true, aws: [], federated: [], service: [], canonicalUser: [] };
  if (!isObject(value) || Object.keys(value).length === 0) throw new MalformedPolicyError(`Invalid principal in policy: ${JSON.stringify(value)}`, index);
  const set = { any: false, aws: [] as string[], federated: [] as string[], service: [] as string[], canonicalUser: [] as string[] };
  for (const [type, raw] of Object.entries(value)) {
    if (!PRINCIPAL_TYPES.has(type)) throw new MalformedPolicyError(`Invalid principal in policy: "${type}"`, index);
    for (const v of strings(raw, index)) {
      const bad = (): never => {
        throw new MalformedPolicyError(`Invalid principal in policy: "${type}":"${v}"`, index);
      };
      if (v === '*' && type === 'AWS') set.any = true;
      else if (type === 'AWS') {
        if (ACCOUNT.test(v)) set.aws.push(`arn:aws:iam::${v}:root`);
        else if (AWS_PRINCIPAL.test(v) && !v.includes('*') && !v.includes('?')) set.aws.push(v);
        else bad();
      } else if (v === '' || v.includes('*')) bad();
      else if (type === 'Federated') set.federated.push(v);
      else if (type === 'Service') set.service.push(v);
      else set.canonicalUser.push(v);
    }
  }
  void field;
  return set;
}

function conditionValue(raw: string, family: string, cmp: string, variables: boolean): ConditionValue {
  const base = { raw, template: null, memo: new CompileMemo<Glob | ArnPattern>(), text: raw, glob: null, arn: null, number: Number.NaN, ip: null };
  switch (family) {
    case 'string': {
      const template = parseTemplate(raw, variables);
      if (template.dynamic) return { ...base, template };
      const pieces = staticPieces(template);
      const text = piecesText(pieces);
      if (cmp === 'eqi') return { ...base, text: text.toLowerCase() };
      if (cmp === 'like') return { ...base, text, glob: compileGlob(pieces) };
      return { ...base, text };
    }
    case 'arn': {
      const template = parseTemplate(raw, variables);
      if (template.dynamic) return { ...base, template };
      return { ...base, arn: compileArnPattern(staticPieces(template)) };
    }
    case 'numeric':
      return { ...base, number: raw.trim() === '' ? Number.NaN : Number(raw) };
    case 'date':
      return { ...base, number: parseDate(raw) };
    case 'bool':
    case 'null':
      return { ...base, text: raw.toLowerCase() };
    case 'binary':
      return { ...base, text: Buffer.from(raw, 'base64').toString('base64') };
    case 'ip':
      return { ...base, ip: parseIpRange(raw) };
    default:
      return base;
  }
}

function conditions(block: unknown, index: number, variables: boolean): Condition[] {
  if (!isObject(block)) throw new MalformedPolicyError(SYNTAX, index);
  const out: Condition[] = [];
  for (const [name, entries] of Object.entries(block)) {
    const operator = parseOperator(name);
    if (operator === null) throw new MalformedPolicyError(`Invalid Condition type : ${name}.`, index);
    if (!isObject(entries) || Object.keys(entries).length === 0) throw new MalformedPolicyError(SYNTAX, index);
    for (const [key, raw] of Object.entries(entries)) {
      if (!CONDITION_KEY.test(key)) throw new MalformedPolicyError(VENDOR, index);
      const values = conditionValues(raw, index);
      if (operator.spec.family === 'null' && values.some((v) => v !== 'true' && v !== 'false')) throw new MalformedPolicyError(SYNTAX, index);
      out.push({
        operator,
        key,
        keyLower: key.toLowerCase(),
        values: values.map((v) => conditionValue(v, operator.spec.family, operator.spec.cmp, variables)),
      });
    }
  }
  return out;
}

function resourcePattern(raw: string, index: number, variables: boolean): ResourcePattern {
  if (raw !== '*' && !raw.startsWith('arn:')) throw new MalformedPolicyError(`Resource ${raw} must be in ARN format or "*".`, index);
  const template = parseTemplate(raw, variables);
  if (template.dynamic) return { raw, arn: null, template, memo: new CompileMemo<ArnPattern>() };
  return { raw, arn: compileArnPattern(staticPieces(template)), template: null, memo: new CompileMemo<ArnPattern>() };
}

function statement(raw: unknown, index: number, kind: PolicyKind, variables: boolean): Statement {
  if (!isObject(raw)) throw new MalformedPolicyError(SYNTAX, index);
  for (const field of Object.keys(raw)) if (!STATEMENT_FIELDS.has(field)) throw new MalformedPolicyError(SYNTAX, index);
  const sid = raw['Sid'];
  if (sid !== undefined && typeof sid !== 'string') throw new MalformedPolicyError(SYNTAX, index);
  if (sid !== undefined && kind !== 'resource' && !SID.test(sid)) {
    throw new MalformedPolicyError('Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*', index);
  }
  const effect = raw['Effect'];
  if (effect === undefined) throw new MalformedPolicyError('Missing required field Effect', index);
  if (effect !== 'Allow' && effect !== 'Deny') throw new MalformedPolicyError(`Invalid effect: ${String(effect)}`, index);

  if ('Action' in raw && 'NotAction' in raw) throw new MalformedPolicyError(SYNTAX, index);
  if (!('Action' in raw) && !('NotAction' in raw)) throw new MalformedPolicyError('Policy statement must contain actions.', index);
  const actionNot = 'NotAction' in raw;
  const actions = strings(actionNot ? raw['NotAction'] : raw['Action'], index);
  for (const a of actions) if (a !== '*' && !ACTION.test(a)) throw new MalformedPolicyError(VENDOR, index);

  const hasPrincipal = 'Principal' in raw || 'NotPrincipal' in raw;
  if ('Principal' in raw && 'NotPrincipal' in raw) throw new MalformedPolicyError(SYNTAX, index);
  const grantsToPrincipals = kind === 'resource' || kind === 'trust';
  if (!grantsToPrincipals && hasPrincipal) throw new MalformedPolicyError('Policy document should not specify a principal.', index);
  if (grantsToPrincipals && !hasPrincipal) throw new MalformedPolicyError('Missing required field Principal', index);
  const principalNot = 'NotPrincipal' in raw;
  const principal = hasPrincipal
    ? { not: principalNot, set: principalSet(principalNot ? raw['NotPrincipal'] : raw['Principal'], principalNot ? 'NotPrincipal' : 'Principal', index) }
    : null;

  const hasResource = 'Resource' in raw || 'NotResource' in raw;
  if ('Resource' in raw && 'NotResource' in raw) throw new MalformedPolicyError(SYNTAX, index);
  if (kind === 'trust' && hasResource) throw new MalformedPolicyError(`Has prohibited field ${'Resource' in raw ? 'Resource' : 'NotResource'}`, index);
  if (kind !== 'trust' && !hasResource) throw new MalformedPolicyError('Policy statement must contain resources.', index);
  const resourceNot = 'NotResource' in raw;
  const resource = hasResource
    ? { not: resourceNot, patterns: strings(resourceNot ? raw['NotResource'] : raw['Resource'], index).map((r) => resourcePattern(r, index, variables)) }
    : null;

  return {
    index,
    sid,
    effect,
    action: { not: actionNot, raw: actions, globs: actions.map((a) => compileGlob(a, true)) },
    resource,
    principal,
    conditions: raw['Condition'] === undefined ? [] : conditions(raw['Condition'], index, variables),
  };
}

/**
 * Parses, validates and compiles a policy document (JSON text or the parsed
 * object). Throws {@link MalformedPolicyError} with IAM's message for a
 * document IAM would refuse.
 * @public
 */
export function parsePolicy(input: string | unknown, options: ParsePolicyOptions): Policy {
  let document: unknown = input;
  if (typeof input === 'string') {
    try {
      document = JSON.parse(input);
    } catch {
      throw new MalformedPolicyError(SYNTAX);
    }
  }
  if (!isObject(document)) throw new MalformedPolicyError(SYNTAX);
  for (const field of Object.keys(document)) if (!TOP_FIELDS.has(field)) throw new MalformedPolicyError(SYNTAX);
  const version = document['Version'] ?? '2008-10-17';
  if (version !== '2012-10-17' && version !== '2008-10-17') throw new MalformedPolicyError(SYNTAX);
  if (document['Id'] !== undefined && typeof document['Id'] !== 'string') throw new MalformedPolicyError(SYNTAX);
  if (document['Statement'] === undefined) throw new MalformedPolicyError('Missing required field Statement');
  const raw = Array.isArray(document['Statement']) ? document['Statement'] : [document['Statement']];
  const variables = version === '2012-10-17';
  const statements = raw.map((s, i) => statement(s, i, options.kind, variables));
  const sids = statements.flatMap((s) => (s.sid ? [s.sid] : []));
  if (new Set(sids).size !== sids.length) throw new MalformedPolicyError('Statement IDs (SID) in a single policy must be unique.');
  return { id: options.id ?? options.kind, kind: options.kind, version, statements, document };
}

/** The non-throwing form of {@link parsePolicy}. @public */
export function checkPolicy(input: string | unknown, options: ParsePolicyOptions): { ok: true; policy: Policy } | { ok: false; error: MalformedPolicyError } {
  try {
    return { ok: true, policy: parsePolicy(input, options) };
  } catch (error) {
    if (MalformedPolicyError.is(error)) return { ok: false, error };
    throw error;
  }
}
