/** The condition operator families IAM documents, with how each compares. */

/** How an operator family compares a request value with a policy value. @public */
export type OperatorFamily = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';

/** The comparison inside a family. @public */
export type Comparison = 'eq' | 'eqi' | 'like' | 'lt' | 'lte' | 'gt' | 'gte';

/** One base operator: its family, comparison and whether it is the negated form. @public */
export interface OperatorSpec {
  readonly family: OperatorFamily;
  readonly cmp: Comparison;
  readonly negated: boolean;
}

const op = (family: OperatorFamily, cmp: Comparison, negated = false): OperatorSpec => ({ family, cmp, negated });

/** Every base operator name (without `ForAnyValue:`/`ForAllValues:` or `IfExists`). @public */
export const CONDITION_OPERATORS: Readonly<Record<string, OperatorSpec>> = {
  StringEquals: op('string', 'eq'),
  StringNotEquals: op('string', 'eq', true),
  StringEqualsIgnoreCase: op('string', 'eqi'),
  StringNotEqualsIgnoreCase: op('string', 'eqi', true),
  StringLike: op('string', 'like'),
  StringNotLike: op('string', 'like', true),
  NumericEquals: op('numeric', 'eq'),
  NumericNotEquals: op('numeric', 'eq', true),
  NumericLessThan: op('numeric', 'lt'),
  NumericLessThanEquals: op('numeric', 'lte'),
  NumericGreaterThan: op('numeric', 'gt'),
  NumericGreaterThanEquals: op('numeric', 'gte'),
  DateEquals: op('date', 'eq'),
  DateNotEquals: op('date', 'eq', true),
  DateLessThan: op('date', 'lt'),
  DateLessThanEquals: op('date', 'lte'),
  DateGreaterThan: op('date', 'gt'),
  DateGreaterThanEquals: op('date', 'gte'),
  Bool: op('bool', 'eq'),
  BinaryEquals: op('binary', 'eq'),
  IpAddress: op('ip', 'eq'),
  NotIpAddress: op('ip', 'eq', true),
  ArnEquals: op('arn', 'like'),
  ArnLike: op('arn', 'like'),
  ArnNotEquals: op('arn', 'like', true),
  ArnNotLike: op('arn', 'like', true),
  Null: op('null', 'eq'),
};

/** A full operator name taken apart. @public */
export interface ParsedOperator {
  readonly name: string;
  readonly base: string;
  readonly spec: OperatorSpec;
  readonly set: 'any' | 'all' | null;
  readonly ifExists: boolean;
}

/** Parses `ForAllValues:StringLikeIfExists` and the like; null when IAM would not know it. @public */
export function parseOperator(name: string): ParsedOperator | null {
  let rest = name;
  let set: 'any' | 'all' | null = null;
  // IAM reads operator names case-insensitively for the set prefixes only; keep exact case for the rest.
  if (rest.startsWith('ForAnyValue:')) {
    set = 'any';
    rest = rest.slice('ForAnyValue:'.length);
  } else if (rest.startsWith('ForAllValues:')) {
    set = 'all';
    rest = rest.slice('ForAllValues:'.length);
  }
  let ifExists = false;
  if (rest.endsWith('IfExists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const spec = Object.hasOwn(CONDITION_OPERATORS, rest) ? CONDITION_OPERATORS[rest] : undefined;
  if (spec === undefined) return null;
  if (spec.family === 'null' && (ifExists || set !== null)) return null;
  return { name, base: rest, spec, set, ifExists };
}

/** Dates as IAM reads them: ISO 8601 or epoch seconds; NaN when neither. @public */
export function parseDate(text: string): number {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  return Date.parse(text);
}
