import type { ArnPattern } from '../glob/ArnPattern.js';
import type { Glob } from '../glob/compileGlob.js';
import type { IpRange } from '../conditions/IpRange.js';
import type { ParsedOperator } from '../conditions/operators.js';
import type { CompileMemo, Template } from '../variables/Template.js';

/**
 * Where a policy is attached decides which rules it must follow and what it
 * does in an evaluation: identity policies grant, resource policies (and a
 * role's trust policy, for `sts:AssumeRole*`) grant to named principals,
 * boundaries and session policies only cap.
 * @public
 */
export type PolicyKind = 'identity' | 'resource' | 'trust' | 'boundary' | 'session';

/** A condition value compiled for its operator's family. @public */
export interface ConditionValue {
  readonly raw: string;
  /** Set when the value has policy variables (String* and Arn* operators only). */
  readonly template: Template | null;
  /** The compiled glob or ARN pattern of the last resolved value (templates only). */
  readonly memo: CompileMemo<Glob | ArnPattern>;
  /** The value to compare as text (lower-cased for the IgnoreCase operators). */
  readonly text: string;
  readonly glob: Glob | null;
  readonly arn: ArnPattern | null;
  readonly number: number;
  readonly ip: IpRange | null;
}

/** One `operator: { key: values }` entry. @public */
export interface Condition {
  readonly operator: ParsedOperator;
  readonly key: string;
  readonly keyLower: string;
  readonly values: readonly ConditionValue[];
}

/** A `Resource`/`NotResource` entry. @public */
export interface ResourcePattern {
  readonly raw: string;
  /** Compiled once when the pattern has no variables. */
  readonly arn: ArnPattern | null;
  readonly template: Template | null;
  /** The compiled pattern of the last resolved value (templates only). */
  readonly memo: CompileMemo<ArnPattern>;
}

/** Who a `Principal`/`NotPrincipal` names, by type. @public */
export interface PrincipalSet {
  readonly any: boolean;
  /** ARNs; account ids are stored as `arn:aws:iam::ACCOUNT:root`. */
  readonly aws: readonly string[];
  readonly federated: readonly string[];
  readonly service: readonly string[];
  readonly canonicalUser: readonly string[];
}

/** A statement, compiled. @public */
export interface Statement {
  readonly index: number;
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  readonly action: { readonly not: boolean; readonly raw: readonly string[]; readonly globs: readonly Glob[] };
  readonly resource: { readonly not: boolean; readonly patterns: readonly ResourcePattern[] } | null;
  readonly principal: { readonly not: boolean; readonly set: PrincipalSet } | null;
  readonly conditions: readonly Condition[];
}

/** A parsed, validated and compiled policy document. @public */
export interface Policy {
  /** A name for explanations (an inline policy's name, a managed policy's ARN, a file path). */
  readonly id: string;
  readonly kind: PolicyKind;
  readonly version: '2012-10-17' | '2008-10-17';
  readonly statements: readonly Statement[];
  /** The document as parsed from JSON. */
  readonly document: unknown;
}
