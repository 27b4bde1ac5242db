import { type StsError, echo, stsError } from './StsError.js';

/**
 * Parameter checks in STS's own words: every violated constraint is collected
 * and answered as one `ValidationError`, "N validation error(s) detected:
 * Value 'x' at 'name' failed to satisfy constraint: ...", as AWS does.
 * @internal
 */
export class Validator {
  readonly #violations: string[] = [];

  constructor(private readonly params: ReadonlyMap<string, string>) {}

  /** A required string with length bounds and an optional pattern; `secret` values are never echoed. */
  string(name: string, opts: { required: boolean; min: number; max: number; pattern?: RegExp; patternText?: string; secret?: boolean }): string | undefined {
    const value = this.params.get(name);
    const field = lowerFirst(name);
    const shown = (v: string): string => (opts.secret ? `Value at '${field}'` : `Value '${echo(v)}' at '${field}'`);
    if (value === undefined) {
      if (opts.required) this.#violations.push(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
      return undefined;
    }
    if (value.length < opts.min) this.#violations.push(`${shown(value)} failed to satisfy constraint: Member must have length greater than or equal to ${opts.min}`);
    else if (value.length > opts.max) this.#violations.push(`${shown(value)} failed to satisfy constraint: Member must have length less than or equal to ${opts.max}`);
    else if (opts.pattern && !opts.pattern.test(value)) {
      this.#violations.push(`${shown(value)} failed to satisfy constraint: Member must satisfy regular expression pattern: ${opts.patternText ?? opts.pattern.source}`);
    }
    return value;
  }

  /** An optional whole number within bounds; `fallback` when absent. */
  integer(name: string, opts: { min: number; max: number; fallback: number }): number {
    const value = this.params.get(name);
    if (value === undefined) return opts.fallback;
    const field = lowerFirst(name);
    if (!/^-?\d{1,15}$/.test(value)) {
      this.#violations.push(`Value '${echo(value)}' at '${field}' failed to satisfy constraint: Member must be a whole number`);
      return opts.fallback;
    }
    const n = Number(value);
    if (n < opts.min) this.#violations.push(`Value '${n}' at '${field}' failed to satisfy constraint: Member must have value greater than or equal to ${opts.min}`);
    else if (n > opts.max) this.#violations.push(`Value '${n}' at '${field}' failed to satisfy constraint: Member must have value less than or equal to ${opts.max}`);
    return n;
  }

  /** The collected violations as one `ValidationError`, or undefined when there are none. */
  error(): StsError | undefined {
    const n = this.#violations.length;
    if (n === 0) return undefined;
    return stsError(400, 'ValidationError', `${n} validation error${n > 1 ? 's' : ''} detected: ${this.#violations.join('; ')}`);
  }
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** RoleSessionName: 2 to 64 of `[\w+=,.@-]`. @internal */
export const ROLE_SESSION_NAME = { required: true, min: 2, max: 64, pattern: /^[\w+=,.@-]*$/, patternText: '[\\w+=,.@-]*' } as const;

/** RoleArn: 20 to 2048 characters. @internal */
export const ROLE_ARN = { required: true, min: 20, max: 2048 } as const;

/** SourceIdentity: 2 to 64 of `[\w+=,.@-]`. @internal */
export const SOURCE_IDENTITY = { required: false, min: 2, max: 64, pattern: /^[\w+=,.@-]*$/, patternText: '[\\w+=,.@-]*' } as const;

/** ExternalId: 2 to 1224 of `[\w+=,.@:/-]`. @internal */
export const EXTERNAL_ID = { required: false, min: 2, max: 1224, pattern: /^[\w+=,.@:/-]*$/, patternText: '[\\w+=,.@:\\/-]*' } as const;

/** Policy: 1 to 2048 characters (the session policy limit). @internal */
export const POLICY = { required: false, min: 1, max: 2048 } as const;

/** A role ARN split into account and name, or undefined when it is not one. @internal */
export function parseRoleArn(arn: string): { account: string; roleName: string } | undefined {
  const match = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\u0021-\u007e]*\/)?([\w+=,.@-]{1,64})$/.exec(arn);
  return match?.[1] && match[2] ? { account: match[1], roleName: match[2] } : undefined;
}

/** `ValidationError` for a RoleArn that is not a role ARN (decision 0022). @internal */
export function invalidRoleArn(arn: string): StsError {
  return stsError(400, 'ValidationError', `${echo(arn)} is not a valid role ARN: expected arn:aws:iam::ACCOUNT:role/NAME`);
}

/** What one managed session policy ARN adds to PackedPolicySize, in percent (an estimate: AWS does not publish its packing). */
const MANAGED_ARN_PERCENT = 3;

/** Checks a session policy: JSON object, else `MalformedPolicyDocument`. Returns the packed size (percent of the limit). @internal */
export function packedPolicySize(policy: string | undefined, managedCount = 0): number | StsError | undefined {
  if (policy === undefined) return managedCount === 0 ? undefined : Math.max(1, managedCount * MANAGED_ARN_PERCENT);
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return stsError(400, 'MalformedPolicyDocument', 'The policy is not in the valid JSON format.');
  }
  return Math.max(1, Math.ceil((JSON.stringify(parsed).length * 100) / 2048) + managedCount * MANAGED_ARN_PERCENT);
}
