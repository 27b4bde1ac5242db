import type { Dispatcher } from 'undici';
import type { Env } from '../config/Env.js';
import { envValue } from '../config/Env.js';
import { loadSharedConfig, resolveProfileName } from '../config/loadSharedConfig.js';
import type { ReadFileFs, SharedConfig } from '../config/loadSharedConfig.js';
import { CredentialsProviderError, ProfileConfigError } from '../errors.js';
import type { ImdsClient, ImdsLogger } from '../imds/createImdsClient.js';
import type { Random } from '../random/random.js';
import type { Clock } from '../time/clock.js';
import { systemClock } from '../time/clock.js';
import { describeCredentials, named } from './chain.js';
import type { NamedProvider } from './chain.js';
import type { Credentials } from '../identity/Credentials.js';
import { describeStaticKeys, originOf, staticKeysCredentials } from './staticKeysCredentials.js';
import type { ExecCommand } from './fromProcess.js';
import { planProfile } from './resolveProfileChain.js';
import type { ProfileBase, ProfileChain } from './resolveProfileChain.js';
import type { StsForCredentials } from './stsForCredentials.js';

// The providers a profile may lead to are loaded on demand: a profile with
// static keys never pays for the HTTP, process or STS code.
const defaultSts = async (options: Parameters<typeof import('./stsForCredentials.js').createDefaultSts>[0]): Promise<StsForCredentials> =>
  (await import('./stsForCredentials.js')).createDefaultSts(options);

/** @public */
export interface FromProfileOptions {
  /** A profile chosen in code; default `AWS_PROFILE`, then `default`. */
  readonly profile?: string | undefined;
  readonly env?: Env;
  readonly fs?: ReadFileFs;
  readonly homeDir?: string;
  /** STS for role_arn and web identity; default the core's signed client (loaded lazily). */
  readonly sts?: StsForCredentials;
  /** Runs `credential_process`. */
  readonly exec?: ExecCommand;
  readonly processTimeoutMs?: number;
  /** For `credential_source = EcsContainer` / `Ec2InstanceMetadata` and the STS client. */
  readonly dispatcher?: Dispatcher;
  /** For `credential_source = Ec2InstanceMetadata`: share an IMDS client. */
  readonly imdsClient?: ImdsClient;
  readonly clock?: Clock;
  readonly random?: Random;
  readonly logger?: ImdsLogger;
  /** Extra headers for the metadata services (e.g. `x-rolecall-client`). */
  readonly headers?: Readonly<Record<string, string>>;
}

function describeBase(base: ProfileBase, config: SharedConfig): string {
  switch (base.kind) {
    case 'AccessKey':
      return describeStaticKeys(base, config);
    case 'NamedSource':
      return `credential_source = ${base.source} of profile ${base.profile}${originOf(config, base.profile, 'credential_source')}`;
    case 'WebIdentityToken':
      return `web identity token ${base.tokenFile} for ${base.roleArn} (profile ${base.profile}${originOf(config, base.profile, 'web_identity_token_file')})`;
    case 'Process':
      return `credential_process of profile ${base.profile}${originOf(config, base.profile, 'credential_process')}`;
    case 'Sso':
      return `SSO settings of profile ${base.profile}`;
  }
}

/**
 * Credentials from a shared-config profile: static keys; `role_arn` with
 * `source_profile` chains or `credential_source` (`Environment`,
 * `Ec2InstanceMetadata`, `EcsContainer`); `credential_process`;
 * `web_identity_token_file`. Cycles are detected. Skipped when the profile
 * was not asked for (implicit `default`) and is absent or holds no
 * credentials; a profile chosen in code or by `AWS_PROFILE` that is missing or
 * broken is a failure naming the file and line.
 *
 * @example
 * ```ts
 * const credentials = await fromProfile({ profile: 'deploy' })();
 * ```
 * @public
 */
export function fromProfile(options: FromProfileOptions = {}): NamedProvider & { readonly providerName: string } {
  const resolve = profileResolver(options);
  return named('profile', () => resolve());
}

/**
 * The profile provider's work, for {@link fromProfile} and the default chain.
 * The chain reads the shared config and plans itself (the same planner,
 * `planProfile`), to serve the planner's early answer for static keys without
 * loading this module, and hands what it read to the call; without it the
 * call reads the files.
 * @internal
 */
export function profileResolver(options: FromProfileOptions = {}): (preloaded?: SharedConfig) => Promise<Credentials> {
  const clock = options.clock ?? systemClock;
  let sts = options.sts;
  let imds: NamedProvider | undefined;

  const baseCredentials = async (base: ProfileBase, env: Env, config: SharedConfig): Promise<Credentials> => {
    switch (base.kind) {
      case 'AccessKey':
        return staticKeysCredentials(base, config);
      case 'NamedSource':
        if (base.source === 'Environment') return (await import('./fromEnv.js')).fromEnv({ env })();
        if (base.source === 'EcsContainer') {
          return (await import('./fromContainer.js')).fromContainer({ env, clock, ...(options.fs === undefined ? {} : { fs: options.fs }), ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }), ...(options.headers === undefined ? {} : { headers: options.headers }) })();
        }
        imds ??= (await import('./fromInstanceMetadata.js')).fromInstanceMetadata({
          env,
          clock,
          ...(options.imdsClient === undefined ? {} : { client: options.imdsClient }),
          ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
          ...(options.fs === undefined ? {} : { fs: options.fs }),
          ...(options.homeDir === undefined ? {} : { homeDir: options.homeDir }),
          ...(options.random === undefined ? {} : { random: options.random }),
          ...(options.logger === undefined ? {} : { logger: options.logger }),
          ...(options.headers === undefined ? {} : { headers: options.headers }),
          profile: base.profile,
        });
        return imds();
      case 'WebIdentityToken':
        return (await import('./fromWebIdentity.js')).fromWebIdentity({
          env,
          clock,
          roleArn: base.roleArn,
          webIdentityTokenFile: base.tokenFile,
          ...(base.sessionName === undefined ? {} : { roleSessionName: base.sessionName }),
          ...(options.fs === undefined ? {} : { fs: options.fs }),
          sts: (sts ??= await defaultSts({ env, clock, ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }) })),
          providerName: 'profile',
        })();
      case 'Process':
        return (await import('./fromProcess.js')).fromProcess({
          command: base.command,
          env,
          clock,
          providerName: 'profile',
          ...(options.exec === undefined ? {} : { exec: options.exec }),
          ...(options.processTimeoutMs === undefined ? {} : { timeoutMs: options.processTimeoutMs }),
        })();
      case 'Sso':
        throw new CredentialsProviderError(
          'profile',
          `profile ${base.profile} uses IAM Identity Center (SSO), which rolecall does not resolve yet; run \`aws sso login --profile ${base.profile}\` and \`eval "$(aws configure export-credentials --profile ${base.profile} --format env)"\``,
        );
    }
  };

  const resolveChain = async (env: Env, chainPlan: ProfileChain, config: SharedConfig): Promise<Credentials> => {
    let credentials = await baseCredentials(chainPlan.base, env, config);
    let how = describeBase(chainPlan.base, config);
    for (const role of chainPlan.roles) {
      if (role.mfaSerial !== undefined) {
        throw new CredentialsProviderError('profile', `profile ${role.profile} needs an MFA code (mfa_serial = ${role.mfaSerial}); rolecall does not prompt for one`);
      }
      sts ??= await defaultSts({ env, clock, ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }) });
      try {
        credentials = {
          ...(await sts.assumeRole(
            {
              RoleArn: role.roleArn,
              RoleSessionName: role.sessionName ?? `rolecall-${clock.now()}`,
              ...(role.externalId === undefined ? {} : { ExternalId: role.externalId }),
              ...(role.durationSeconds === undefined ? {} : { DurationSeconds: role.durationSeconds }),
            },
            credentials,
          )),
          source: 'assume-role',
        };
      } catch (error) {
        throw new CredentialsProviderError('profile', `profile ${role.profile}: AssumeRole ${role.roleArn} (with ${how}) failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      how = `AssumeRole ${role.roleArn} (profile ${role.profile}${originOf(config, role.profile, 'role_arn')}) with ${how}`;
    }
    return describeCredentials(credentials, how);
  };

  return async (preloaded) => {
    const env = options.env ?? process.env;
    const name = resolveProfileName({ env, profile: options.profile });
    const why = options.profile !== undefined ? 'chosen in code' : envValue(env, 'AWS_PROFILE') !== undefined ? 'from AWS_PROFILE' : undefined;
    let config: SharedConfig;
    try {
      config = preloaded ?? (await loadSharedConfig({ env, ...(options.fs === undefined ? {} : { fs: options.fs }), ...(options.homeDir === undefined ? {} : { homeDir: options.homeDir }) }));
    } catch (error) {
      throw new CredentialsProviderError('profile', error instanceof Error ? error.message : String(error), { cause: error });
    }
    let plan: ProfileChain;
    try {
      plan = planProfile(config, name, why !== undefined);
    } catch (error) {
      if (error instanceof CredentialsProviderError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      // Decided on the planner's reason code, never on its words.
      const noCredentials = error instanceof ProfileConfigError && error.reason === 'no-credentials' && error.path.length === 1 && error.profile === name;
      throw new CredentialsProviderError('profile', why === undefined ? message : `profile ${name} (${why}): ${message}`, { tryNextLink: noCredentials, cause: error });
    }
    return resolveChain(env, plan, config);
  };
}
