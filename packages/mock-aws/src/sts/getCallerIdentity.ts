import type { ActionInput, ActionOutput } from './actions.js';
import { leaf } from './xml.js';

/** GetCallerIdentity: who signed, as the key's identity says. @internal */
export function getCallerIdentity({ caller }: ActionInput): ActionOutput {
  const identity = caller?.identity;
  if (identity === undefined) return [];
  return [leaf('UserId', identity.userId), leaf('Account', identity.account), leaf('Arn', identity.arn)];
}
