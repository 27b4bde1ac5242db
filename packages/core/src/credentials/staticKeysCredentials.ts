import type { SharedConfig } from '../config/loadSharedConfig.js';
import type { Credentials } from '../identity/Credentials.js';
import { maskAccessKeyId } from '../identity/Credentials.js';
import { describeCredentials } from './chain.js';
import type { StaticKeysBase } from './resolveProfileChain.js';

/** `file:line` of a profile setting, for the trace (pain: "which file did that come from?"). @internal */
export function originOf(config: SharedConfig, profile: string, key: string): string {
  const origin = config.profiles.has(profile) ? config.profile(profile)?.origins.get(key) : undefined;
  return origin === undefined ? '' : ` at ${origin.file}:${origin.line}`;
}

/** How the trace names static keys. @internal */
export function describeStaticKeys(base: StaticKeysBase, config: SharedConfig): string {
  return `static keys ${maskAccessKeyId(base.accessKeyId)} of profile ${base.profile}${originOf(config, base.profile, 'aws_access_key_id')}`;
}

/**
 * The credentials a profile's static keys give, described for the trace. The
 * planner's early answer (a profile with static keys and no role) is served
 * with this by the default chain and by `fromProfile` alike.
 * @internal
 */
export function staticKeysCredentials(base: StaticKeysBase, config: SharedConfig): Credentials {
  const credentials: Credentials = {
    accessKeyId: base.accessKeyId,
    secretAccessKey: base.secretAccessKey,
    ...(base.sessionToken === undefined ? {} : { sessionToken: base.sessionToken }),
    ...(base.accountId === undefined ? {} : { accountId: base.accountId }),
    source: 'profile',
  };
  return describeCredentials(credentials, describeStaticKeys(base, config));
}
