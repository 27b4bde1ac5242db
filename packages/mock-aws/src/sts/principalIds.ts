import { createHash } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function uniqueId(prefix: string, seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = prefix;
  for (let i = 0; i < 17; i++) out += BASE32[(digest[i] ?? 0) & 31];
  return out;
}

/**
 * A role's unique id (`AROA` + 17 characters), stable for an account and role
 * name, so every session of one role reports the same `AROA...:SESSION`
 * whether it came from IMDS, the container endpoint or AssumeRole.
 * @public
 */
export function stsRoleId(account: string, roleName: string): string {
  return uniqueId('AROA', `role:${account}:${roleName}`);
}

/** An IAM user's unique id (`AIDA` + 17 characters), stable for an account and user name. @public */
export function stsUserId(account: string, userName: string): string {
  return uniqueId('AIDA', `user:${account}:${userName}`);
}
