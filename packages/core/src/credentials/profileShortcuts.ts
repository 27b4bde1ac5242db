import type { SharedConfig } from '../config/loadSharedConfig.js';
import { CredentialsNotConfiguredError, ProfileConfigError } from '../errors.js';
import { describeCredentials } from './chain.js';
import type { Credentials } from './Credentials.js';
import { maskAccessKeyId } from './Credentials.js';
import type { ProfileBase } from './resolveProfileChain.js';

/**
 * The answers of the profile step that need no planner: static keys in the
 * selected profile, and no profile at all. The default chain gives them
 * without loading the profile provider (docs/decisions/0077). The planner
 * (resolveProfileChain.ts) and the provider (fromProfile.ts) use the same
 * functions, so both paths read, describe and refuse the same way.
 */

/** A profile's static keys, as the planner's base. @internal */
export type StaticKeysBase = Extract<ProfileBase, { readonly kind: 'AccessKey' }>;

type Props = ReadonlyMap<string, string>;

/** A profile setting, trimmed; blank means unset. @internal */
export const profileValue = (p: Props, key: string): string | undefined => {
  const v = p.get(key);
  return v === undefined || v.trim() === '' ? undefined : v.trim();
};

/** The profile's static keys; undefined when it has neither; throws when it has only one of the pair. @internal */
export function staticKeys(name: string, p: Props): StaticKeysBase | undefined {
  const id = profileValue(p, 'aws_access_key_id');
  const secret = profileValue(p, 'aws_secret_access_key');
  if (id === undefined && secret === undefined) return undefined;
  if (secret === undefined) throw new ProfileConfigError(name, 'profile missing aws_secret_access_key (aws_access_key_id is set); add it, or remove aws_access_key_id');
  if (id === undefined) throw new ProfileConfigError(name, 'profile missing aws_access_key_id (aws_secret_access_key is set); add it, or remove aws_secret_access_key');
  const token = profileValue(p, 'aws_session_token');
  const account = profileValue(p, 'aws_account_id');
  return {
    kind: 'AccessKey',
    profile: name,
    accessKeyId: id,
    secretAccessKey: secret,
    ...(token === undefined ? {} : { sessionToken: token }),
    ...(account === undefined ? {} : { accountId: account }),
  };
}

/** `file:line` of a profile setting, for the trace (pain: "which file did that come from?"). @internal */
export function originOf(config: SharedConfig, profile: string, key: string): string {
  const origin = config.profiles.has(profile) ? config.profile(profile)?.origins.get(key) : undefined;
  return origin === undefined ? '' : ` at ${origin.file}:${origin.line}`;
}

/** How the trace names static keys. @internal */
export function describeStaticKeys(base: StaticKeysBase, config: SharedConfig): string {
  return `static keys ${maskAccessKeyId(base.accessKeyId)} of profile ${base.profile}${originOf(config, base.profile, 'aws_access_key_id')}`;
}

/** The credentials static keys give. @internal */
export function staticKeysCredentials(base: StaticKeysBase): Credentials {
  return {
    accessKeyId: base.accessKeyId,
    secretAccessKey: base.secretAccessKey,
    ...(base.sessionToken === undefined ? {} : { sessionToken: base.sessionToken }),
    ...(base.accountId === undefined ? {} : { accountId: base.accountId }),
    source: 'profile',
  };
}

/** The profile provider's skip when the profile was not asked for and no file defines it. @internal */
export function noProfileError(config: SharedConfig, name: string): CredentialsNotConfiguredError {
  return new CredentialsNotConfiguredError('profile', `no [${name}] profile in ${config.configFile} or ${config.credentialsFile}`, 'a profile in the shared config files');
}

/**
 * What the profile provider would answer, when that needs no planner:
 * credentials when the selected profile parses cleanly, has no `role_arn` and
 * holds both static keys (the planner's first step returns them, with no role
 * to assume); a {@link noProfileError} when the profile was not asked for
 * (`asked` false: neither chosen in code nor by AWS_PROFILE) and no file
 * defines it. Undefined in every other case: the full provider decides, and
 * reports what is wrong.
 * @internal
 */
export function profileShortcut(config: SharedConfig, name: string, asked: boolean): Credentials | CredentialsNotConfiguredError | undefined {
  let base: StaticKeysBase | undefined;
  try {
    const profile = config.profile(name);
    if (profile === undefined) return asked ? undefined : noProfileError(config, name);
    if (profileValue(profile.properties, 'role_arn') !== undefined) return undefined;
    base = staticKeys(name, profile.properties);
  } catch {
    return undefined;
  }
  return base === undefined ? undefined : describeCredentials(staticKeysCredentials(base), describeStaticKeys(base, config));
}
