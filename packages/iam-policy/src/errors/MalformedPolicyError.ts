const BRAND = Symbol.for('rolecall.iam-policy.MalformedPolicyError');

/**
 * A policy document IAM would refuse. `awsCode` and `message` are IAM's own
 * (`MalformedPolicyDocument`, "Policy statement must contain actions."), so a
 * fake service can answer with them unchanged; `code` is ours and stable.
 * @public
 */
export class MalformedPolicyError extends Error {
  readonly code = 'ERR_ROLECALL_MALFORMED_POLICY' as const;
  readonly awsCode = 'MalformedPolicyDocument' as const;
  /** Index of the offending statement, when one is to blame. */
  readonly statementIndex: number | undefined;
  readonly [BRAND] = true;

  constructor(message: string, statementIndex?: number) {
    super(message);
    this.name = 'MalformedPolicyError';
    this.statementIndex = statementIndex;
  }

  static is(value: unknown): value is MalformedPolicyError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
