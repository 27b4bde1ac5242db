import { checkPolicy } from '@rolecall/iam-policy';
import type { PolicyStore } from '../iam/createPolicyStore.js';
import { echo, stsError, type StsError } from './StsError.js';

/** AWS's cap on managed session policies per call. */
const MAX_POLICY_ARNS = 10;

/** The session policies of an AssumeRole* call, checked. @internal */
export interface SessionPolicies {
  readonly arns: readonly string[];
}

/**
 * Reads `PolicyArns.member.N.arn` and checks the inline `Policy` as IAM would
 * (a session policy: no Principal, actions and resources required). An ARN
 * the mock does not know is refused as IAM refuses an unattachable policy.
 * @internal
 */
export function readSessionPolicies(params: ReadonlyMap<string, string>, policy: string | undefined, store: PolicyStore): SessionPolicies | StsError {
  const arns: string[] = [];
  for (let n = 1; ; n++) {
    const arn = params.get(`PolicyArns.member.${n}.arn`);
    if (arn === undefined) break;
    arns.push(arn);
  }
  if (arns.length > MAX_POLICY_ARNS) {
    return stsError(400, 'ValidationError', `1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to ${MAX_POLICY_ARNS}`);
  }
  for (const arn of arns) {
    if (store.managed(arn) === undefined) return stsError(400, 'InvalidParameterValue', `Policy ${echo(arn)} does not exist or is not attachable.`);
  }
  if (policy !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(policy);
    } catch {
      return stsError(400, 'MalformedPolicyDocument', 'The policy is not in the valid JSON format.');
    }
    const checked = checkPolicy(parsed, { kind: 'session' });
    if (!checked.ok) return stsError(400, 'MalformedPolicyDocument', checked.error.message);
  }
  return { arns };
}
