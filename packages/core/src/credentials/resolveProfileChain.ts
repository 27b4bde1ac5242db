import type { SharedConfig } from '../config/loadSharedConfig.js';
import { CredentialsNotConfiguredError, ProfileConfigError, ProfileNotFoundError } from '../errors.js';

/**
 * The one profile planner: which credentials a profile leads to, from the
 * shared config alone (pure, reads no file). The default chain and
 * `fromProfile` both plan through {@link planProfile}; a profile with static
 * keys and no role is the planner's first answer, which the chain serves
 * without loading the profile provider (docs/decisions/0101).
 */

/** The `credential_source` values every SDK knows (exact case, as JS, botocore and Go: docs/decisions/0062). @public */
export type NamedCredentialSource = 'Environment' | 'Ec2InstanceMetadata' | 'EcsContainer';

/** Where a profile chain gets its first credentials. @public */
export type ProfileBase =
  | { readonly kind: 'AccessKey'; readonly profile: string; readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string; readonly accountId?: string }
  | { readonly kind: 'NamedSource'; readonly profile: string; readonly source: NamedCredentialSource }
  | { readonly kind: 'WebIdentityToken'; readonly profile: string; readonly roleArn: string; readonly tokenFile: string; readonly sessionName?: string }
  | { readonly kind: 'Process'; readonly profile: string; readonly command: string }
  | { readonly kind: 'Sso'; readonly profile: string; readonly settings: Readonly<Record<string, string>> };

/** One role assumed on top of the previous credentials. @public */
export interface AssumeRoleStep {
  readonly kind: 'AssumeRole';
  readonly profile: string;
  readonly roleArn: string;
  readonly sessionName?: string;
  readonly externalId?: string;
  readonly durationSeconds?: number;
  readonly mfaSerial?: string;
}

/** A resolved profile: the base, then the roles to assume in order. @public */
export interface ProfileChain {
  readonly base: ProfileBase;
  readonly roles: readonly AssumeRoleStep[];
}

const NAMED_SOURCES: readonly NamedCredentialSource[] = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'];

type Props = ReadonlyMap<string, string>;

/** A profile's static keys, as the planner's base. @internal */
export type StaticKeysBase = Extract<ProfileBase, { readonly kind: 'AccessKey' }>;

/** A profile setting, trimmed; blank means unset. @internal */
export const profileValue = (p: Props, key: string): string | undefined => {
  const v = p.get(key);
  return v === undefined || v.trim() === '' ? undefined : v.trim();
};
const get = profileValue;

/** The profile's static keys; undefined when it has neither; throws when it has only one of the pair. @internal */
export function staticKeys(name: string, p: Props): StaticKeysBase | undefined {
  const id = get(p, 'aws_access_key_id');
  const secret = get(p, 'aws_secret_access_key');
  if (id === undefined && secret === undefined) return undefined;
  if (secret === undefined) throw new ProfileConfigError(name, 'profile missing aws_secret_access_key (aws_access_key_id is set); add it, or remove aws_access_key_id');
  if (id === undefined) throw new ProfileConfigError(name, 'profile missing aws_access_key_id (aws_secret_access_key is set); add it, or remove aws_secret_access_key');
  const token = get(p, 'aws_session_token');
  const account = get(p, 'aws_account_id');
  return {
    kind: 'AccessKey',
    profile: name,
    accessKeyId: id,
    secretAccessKey: secret,
    ...(token === undefined ? {} : { sessionToken: token }),
    ...(account === undefined ? {} : { accountId: account }),
  };
}

/** The profile provider's skip when the profile was not asked for and no file defines it. @internal */
export function noProfileError(config: Pick<SharedConfig, 'configFile' | 'credentialsFile'>, name: string): CredentialsNotConfiguredError {
  return new CredentialsNotConfiguredError('profile', `no [${name}] profile in ${config.configFile} or ${config.credentialsFile}`, 'a profile in the shared config files');
}

function ssoBase(config: Pick<SharedConfig, 'ssoSessions'>, name: string, p: Props): ProfileBase | undefined {
  const session = get(p, 'sso_session');
  if (session !== undefined) {
    const s = config.ssoSessions.get(session);
    if (s === undefined) throw new ProfileConfigError(name, `sso-session named \`${session}\` (referenced by profile \`${name}\`) was not found; add [sso-session ${session}] to the config file`);
    const profileRegion = get(p, 'sso_region');
    if (profileRegion !== undefined && profileRegion !== get(s, 'sso_region')) {
      throw new ProfileConfigError(name, '`sso_region` can only be specified in the [sso-session] config when a session name is given; move it there');
    }
    const settings: Record<string, string> = { sso_session: session };
    for (const key of ['sso_region', 'sso_start_url']) {
      const v = get(s, key);
      if (v !== undefined) settings[key] = v;
    }
    return { kind: 'Sso', profile: name, settings };
  }
  const account = get(p, 'sso_account_id');
  const role = get(p, 'sso_role_name');
  if (account === undefined && role === undefined && get(p, 'sso_start_url') === undefined) return undefined;
  if (role !== undefined && account === undefined) throw new ProfileConfigError(name, 'if `sso_role_name` is set, then `sso_account_id` must also be set');
  if (account !== undefined && role === undefined) throw new ProfileConfigError(name, 'if `sso_account_id` is set, then `sso_role_name` must also be set');
  const settings: Record<string, string> = {};
  for (const key of ['sso_account_id', 'sso_region', 'sso_role_name', 'sso_start_url']) {
    const v = get(p, key);
    if (v !== undefined) settings[key] = v;
  }
  return { kind: 'Sso', profile: name, settings };
}

/** A profile with no role_arn: its own credentials, in the JS SDK's order (static, web identity, process, SSO). */
function baseOf(config: Pick<SharedConfig, 'ssoSessions'>, name: string, p: Props): ProfileBase {
  const keys = staticKeys(name, p);
  if (keys !== undefined) return keys;
  if (get(p, 'web_identity_token_file') !== undefined) {
    throw new ProfileConfigError(name, '`role_arn` was missing: web_identity_token_file needs role_arn in the same profile');
  }
  const command = get(p, 'credential_process');
  if (command !== undefined) return { kind: 'Process', profile: name, command };
  const sso = ssoBase(config, name, p);
  if (sso !== undefined) return sso;
  throw new ProfileConfigError(name, `profile \`${name}\` did not contain credential information (no aws_access_key_id, role_arn, credential_process, web_identity_token_file or sso settings)`, [name], 'no-credentials');
}

function roleStep(name: string, p: Props, roleArn: string): AssumeRoleStep {
  const sessionName = get(p, 'role_session_name');
  const externalId = get(p, 'external_id');
  const duration = get(p, 'duration_seconds');
  const mfaSerial = get(p, 'mfa_serial');
  const durationSeconds = duration === undefined ? undefined : Number(duration);
  if (durationSeconds !== undefined && !(Number.isInteger(durationSeconds) && durationSeconds >= 900 && durationSeconds <= 43_200)) {
    throw new ProfileConfigError(name, `duration_seconds = ${duration} is not a whole number of seconds between 900 and 43200`);
  }
  return {
    kind: 'AssumeRole',
    profile: name,
    roleArn,
    ...(sessionName === undefined ? {} : { sessionName }),
    ...(externalId === undefined ? {} : { externalId }),
    ...(durationSeconds === undefined ? {} : { durationSeconds }),
    ...(mfaSerial === undefined ? {} : { mfaSerial }),
  };
}

/**
 * Turns the selected profile into a chain of providers, per
 * `packages/core/test/conformance/assume-role-tests.json`: follows `source_profile` links
 * (static keys in a *source* profile beat its own `role_arn`), stops at a
 * `credential_source`, web identity, `credential_process` or SSO base, and
 * detects cycles (the error lists the profiles visited). Pure: reads no file.
 * @public
 */
export function resolveProfileChain(config: Pick<SharedConfig, 'profiles' | 'ssoSessions' | 'requireProfile'>, selected: string): ProfileChain {
  if (config.profiles.size === 0) throw new ProfileNotFoundError(selected, { configFile: '~/.aws/config', credentialsFile: '~/.aws/credentials' }, undefined, 'No profiles were defined');
  const roles: AssumeRoleStep[] = [];
  const visited: string[] = [];
  let name = selected;
  let referencedFrom: string | undefined;
  for (;;) {
    const p = config.requireProfile(name, referencedFrom).properties;
    if (visited.includes(name)) {
      throw new ProfileConfigError(selected, `profile formed an infinite loop: ${[...visited, name].join(' -> ')}; break the source_profile cycle`, [...visited, name]);
    }
    visited.push(name);
    if (visited.length > 1) {
      const keys = staticKeys(name, p);
      if (keys !== undefined) return { base: keys, roles: roles.reverse() };
    }
    const roleArn = get(p, 'role_arn');
    if (roleArn === undefined) return { base: baseOf(config, name, p), roles: roles.reverse() };

    const sourceProfile = get(p, 'source_profile');
    const credentialSource = get(p, 'credential_source');
    const tokenFile = get(p, 'web_identity_token_file');
    if (sourceProfile !== undefined && credentialSource !== undefined) {
      throw new ProfileConfigError(name, 'profile contained both source_profile and credential_source; keep only one');
    }
    if (sourceProfile === undefined && credentialSource === undefined) {
      if (tokenFile !== undefined) {
        const sessionName = get(p, 'role_session_name');
        return {
          base: { kind: 'WebIdentityToken', profile: name, roleArn, tokenFile, ...(sessionName === undefined ? {} : { sessionName }) },
          roles: roles.reverse(),
        };
      }
      throw new ProfileConfigError(name, 'profile must contain `source_profile` or `credential_source` (it has role_arn)');
    }
    roles.push(roleStep(name, p, roleArn));
    if (credentialSource !== undefined) {
      const source = NAMED_SOURCES.find((s) => s === credentialSource);
      if (source === undefined) {
        const near = NAMED_SOURCES.find((s) => s.toLowerCase() === credentialSource.toLowerCase());
        throw new ProfileConfigError(name, `credential_source = ${credentialSource} is not one of ${NAMED_SOURCES.join(', ')}${near === undefined ? '' : ` (did you mean ${near}? the value is case-sensitive)`}`);
      }
      return { base: { kind: 'NamedSource', profile: name, source }, roles: roles.reverse() };
    }
    if (sourceProfile === name) {
      // Self reference: this profile's own keys are the base for its role.
      const keys = staticKeys(name, p);
      if (keys === undefined) throw new ProfileConfigError(name, `source_profile = ${name} refers to itself but the profile has no aws_access_key_id`);
      return { base: keys, roles: roles.reverse() };
    }
    referencedFrom = name;
    name = sourceProfile ?? name;
  }
}

/**
 * The provider's plan for the selected profile: {@link resolveProfileChain},
 * after the one rule that depends on how the profile was chosen: a profile
 * nobody asked for (`asked` false: neither chosen in code nor by
 * AWS_PROFILE) that no file defines is skipped with a
 * `CredentialsNotConfiguredError`, where one asked for is a failure.
 * @internal
 */
export function planProfile(config: SharedConfig, name: string, asked: boolean): ProfileChain {
  if (!asked && config.profile(name) === undefined) throw noProfileError(config, name);
  return resolveProfileChain(config, name);
}
