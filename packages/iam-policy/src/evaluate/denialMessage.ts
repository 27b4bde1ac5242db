import type { Evaluation } from './evaluate.js';

const EXPLICIT: Readonly<Record<string, string>> = {
  identity: 'an identity-based policy',
  resource: 'a resource-based policy',
  trust: 'a resource-based policy',
  boundary: 'a permissions boundary',
  session: 'a session policy',
};
const IMPLICIT: Readonly<Record<string, string>> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  trust: 'resource-based policy',
  boundary: 'permissions boundary',
  session: 'session policy',
};

/**
 * AWS's AccessDenied message for a denial: "User: ARN is not authorized to
 * perform: ACTION on resource: ARN because no identity-based policy allows
 * the ACTION action" (or "with an explicit deny in a ..."). Null when allowed.
 * @public
 */
export function denialMessage(evaluation: Evaluation, callerArn: string): string | null {
  if (evaluation.decision === 'allowed') return null;
  const head = `User: ${callerArn} is not authorized to perform: ${evaluation.action} on resource: ${evaluation.resource}`;
  const kind = evaluation.deniedBy ?? 'identity';
  if (evaluation.decision === 'explicitDeny') return `${head} with an explicit deny in ${EXPLICIT[kind]}`;
  return `${head} because no ${IMPLICIT[kind]} allows the ${evaluation.action} action`;
}
