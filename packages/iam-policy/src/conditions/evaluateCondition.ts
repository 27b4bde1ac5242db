import { matchArn, compileArnPattern, type ArnPattern } from '../glob/ArnPattern.js';
import { compileGlob, matchGlob, type Glob } from '../glob/compileGlob.js';
import type { Condition, ConditionValue } from '../policy/Policy.js';
import { piecesText, resolveTemplate, type Lookup } from '../variables/Template.js';
import { ipInRange, parseIpRange } from './IpRange.js';
import { parseDate } from './operators.js';

/** Called with a condition key (as the policy spells it) the request did not carry. @public */
export type MissingKey = (key: string) => void;

function numeric(cmp: string, a: number, b: number): boolean {
  switch (cmp) {
    case 'lt':
      return a < b;
    case 'lte':
      return a <= b;
    case 'gt':
      return a > b;
    case 'gte':
      return a >= b;
    default:
      return a === b;
  }
}

/** Whether one request value matches one policy value, before any negation. */
function matchesValue(c: Condition, value: string, p: ConditionValue, lookup: Lookup, missing: MissingKey): boolean {
  const { family, cmp } = c.operator.spec;
  let resolved = p.text;
  let dynamic = false;
  if (p.template !== null && family === 'string' && (cmp === 'eq' || cmp === 'eqi')) {
    const r = resolveTemplate(p.template, lookup);
    if (!Array.isArray(r)) {
      missing((r as { missing: string }).missing);
      return false;
    }
    dynamic = true;
    resolved = piecesText(r);
  }
  switch (family) {
    case 'string': {
      if (cmp === 'eq') return value === resolved;
      if (cmp === 'eqi') return value.toLowerCase() === (dynamic ? resolved.toLowerCase() : resolved);
      const glob = p.template === null ? p.glob : (p.memo.resolve(p.template, lookup, missing, compileGlob) as Glob | null);
      return glob !== null && matchGlob(glob, value);
    }
    case 'arn': {
      const arn = p.template === null ? p.arn : (p.memo.resolve(p.template, lookup, missing, compileArnPattern) as ArnPattern | null);
      return arn !== null && matchArn(arn, value);
    }
    case 'numeric':
      return value.trim() !== '' && numeric(cmp, Number(value), p.number);
    case 'date':
      return numeric(cmp, parseDate(value), p.number);
    case 'bool':
      return value.toLowerCase() === p.text;
    case 'binary':
      return Buffer.from(value, 'base64').toString('base64') === p.text;
    case 'ip': {
      const address = parseIpRange(value);
      return p.ip !== null && address !== null && ipInRange(p.ip, address);
    }
    default:
      return false;
  }
}

/**
 * One condition entry against the request context, by IAM's rules: values
 * listed for a key are ORed (NORed for the negated operators); a missing key
 * fails a positive operator and satisfies a negated one, `...IfExists` and
 * `ForAllValues:` are satisfied by it, `ForAnyValue:` is not.
 * @public
 */
export function evaluateCondition(c: Condition, lookup: Lookup, missing: MissingKey): boolean {
  const present = lookup(c.key, c.keyLower);
  const { spec, set, ifExists } = c.operator;
  const count = present === undefined ? 0 : typeof present === 'string' ? 1 : present.length;
  if (spec.family === 'null') {
    const absent = count === 0;
    return c.values.some((v) => (v.text === 'true') === absent);
  }
  if (count === 0) {
    missing(c.key);
    if (ifExists || set === 'all') return true;
    if (set === 'any') return false;
    return spec.negated;
  }
  const every = set === 'all' || (set === null && spec.negated);
  for (let i = 0; i < count; i++) {
    const value = typeof present === 'string' ? present : (present as readonly string[])[i]!;
    let hit = false;
    for (const p of c.values) {
      if (matchesValue(c, value, p, lookup, missing)) {
        hit = true;
        break;
      }
    }
    const ok = spec.negated ? !hit : hit;
    if (every && !ok) return false;
    if (!every && ok) return true;
  }
  return every;
}
