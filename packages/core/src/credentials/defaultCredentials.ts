import { envValue } from '../config/Env.js';
import type { Env } from '../config/Env.js';
import { loadSharedConfig, resolveProfileName } from '../config/loadSharedConfig.js';
import type { SharedConfig } from '../config/loadSharedConfig.js';
import { CredentialsNotConfiguredError } from '../errors.js';
import type { CredentialsProviderError, CredentialsTraceStep } from '../errors.js';
import type { ImdsClient, ImdsClientOptions } from '../imds/createImdsClient.js';
import { createChain, describeCredentials, intendedProvider, named } from './chain.js';
import type { ChainProvider, NamedProvider } from './chain.js';
import type { Credentials } from './Credentials.js';
import { maskAccessKeyId } from './Credentials.js';
import { fromEnv } from './fromEnv.js';
import type { FromProfileOptions } from './fromProfile.js';
import { memoize } from './memoize.js';
import { profileShortcut } from './profileShortcuts.js';
import type { MemoizedProvider, MemoizeOptions } from './memoize.js';

/** One deadline for a whole resolution, in ms (docs/decisions/0065). @public */
export const DEFAULT_CREDENTIALS_DEADLINE_MS = 5000;

/** @public */
export interface DefaultCredentialsOptions extends FromProfileOptions {
  /** Bound on one whole resolution (default 5000 ms). */
  readonly deadlineMs?: number;
  /** IMDS settings (endpoint, timeoutMs, maxAttempts, v1Fallback ...). */
  readonly imds?: Omit<ImdsClientOptions, 'env' | 'clock' | 'random' | 'dispatcher' | 'fs' | 'homeDir' | 'logger'>;
  /** Container provider settings. */
  readonly container?: { readonly timeoutMs?: number; readonly maxAttempts?: number };
  /** Refresh window and jitter of the cache. */
  readonly cache?: Omit<MemoizeOptions, 'clock' | 'random' | 'logger'>;
  /** `false` builds a fresh cache instead of the process-wide one for this configuration. */
  readonly shared?: boolean;
}

const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;
const idOf = (value: unknown): string | undefined => {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return value === undefined ? undefined : JSON.stringify(value);
  let id = objectIds.get(value);
  if (id === undefined) {
    id = nextObjectId++;
    objectIds.set(value, id);
  }
  return `#${id}`;
};

/** What decides the resolution: the variables the chain reads, the options, the identity of injected side effects. */
function cacheKey(options: DefaultCredentialsOptions): string {
  const env = options.env ?? process.env;
  const vars = Object.keys(env)
    .filter((k) => k.startsWith('AWS_') || k === 'HOME' || k === 'USERPROFILE')
    .sort()
    .map((k) => [k, env[k]]);
  const parts = Object.entries(options)
    .filter(([k]) => k !== 'env')
    // Plain code-unit order: localeCompare's first call loads ICU collation (~6 ms in a fresh process).
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => [k, typeof v === 'object' && v !== null && (k === 'imds' || k === 'container' || k === 'cache' || k === 'headers') ? JSON.stringify(v) : idOf(v)]);
  return JSON.stringify([vars, parts]);
}

const shared = new Map<string, MemoizedProvider>();

/**
 * A provider whose module is imported on its first call: env keys and
 * static-key profiles never load the HTTP, STS or process code (time to first
 * credentials is measured in fresh processes, where every module costs).
 */
function lazy(name: string, load: () => Promise<NamedProvider>): NamedProvider {
  let provider: Promise<NamedProvider> | undefined;
  return named(name, async (context) => (await (provider ??= load()))(context));
}

/**
 * The chain's profile step. It reads the shared config files itself and
 * answers the common cases, static keys or no profile at all, without
 * importing the profile provider (docs/decisions/0077); anything else goes to
 * the provider, with what was read. A `credential_process` is stopped at the
 * chain's deadline, not left running after the chain has given up on it.
 */
function profileStep(options: DefaultCredentialsOptions, env: Env, deadlineMs: number): NamedProvider {
  let resolver: Promise<(preloaded?: SharedConfig) => Promise<Credentials>> | undefined;
  return named('profile', async () => {
    let config: SharedConfig | undefined;
    try {
      config = await loadSharedConfig({ env, ...(options.fs === undefined ? {} : { fs: options.fs }), ...(options.homeDir === undefined ? {} : { homeDir: options.homeDir }) });
    } catch {
      // The provider reads again and reports the failure in its own words.
    }
    const asked = options.profile !== undefined || envValue(env, 'AWS_PROFILE') !== undefined;
    const shortcut = config === undefined ? undefined : profileShortcut(config, resolveProfileName({ env, profile: options.profile }), asked);
    if (shortcut instanceof CredentialsNotConfiguredError) throw shortcut;
    if (shortcut !== undefined) return shortcut;
    const processTimeoutMs = Math.min(options.processTimeoutMs ?? deadlineMs, deadlineMs);
    resolver ??= import('./fromProfile.js').then(({ profileResolver }) => profileResolver({ ...options, env, processTimeoutMs }));
    return (await resolver)(config);
  });
}

/**
 * The default chain, unmemoized: env → profile → web identity (env) →
 * container → IMDS, under one deadline. Env keys win unless a profile was
 * chosen in code; when env keys and `AWS_PROFILE` are both set, the trace
 * says env won and why (docs/decisions/0061). `explainCredentials` runs this.
 * @public
 */
export function createDefaultChain(options: DefaultCredentialsOptions = {}): ChainProvider {
  const env = options.env ?? process.env;
  const pass = <K extends keyof DefaultCredentialsOptions>(...keys: K[]): Partial<Pick<DefaultCredentialsOptions, K>> => {
    const out: Partial<Pick<DefaultCredentialsOptions, K>> = {};
    for (const k of keys) if (options[k] !== undefined) out[k] = options[k];
    return out;
  };
  const envProvider: NamedProvider =
    options.profile !== undefined
      ? named('env', async () => {
          throw new CredentialsNotConfiguredError('env', `not used: profile ${options.profile ?? ''} was chosen in code, which wins over environment keys`, 'no profile option');
        })
      : named('env', async (): Promise<Credentials> => {
          const credentials = await fromEnv({ env })();
          const awsProfile = envValue(env, 'AWS_PROFILE');
          const base = `AWS_ACCESS_KEY_ID ${maskAccessKeyId(credentials.accessKeyId)}`;
          if (awsProfile === undefined) return describeCredentials(credentials, base);
          const why = `${base} wins over AWS_PROFILE=${awsProfile}: environment keys beat a profile not chosen in code (as the AWS CLI); pass --profile / options.profile to use the profile`;
          options.logger?.warn(why);
          return describeCredentials(credentials, why);
        });
  let imdsClient: Promise<ImdsClient> | undefined;
  const sharedImdsClient = (): Promise<ImdsClient> =>
    (imdsClient ??=
      options.imdsClient !== undefined
        ? Promise.resolve(options.imdsClient)
        : import('../imds/createImdsClient.js').then(({ createImdsClient }) =>
            createImdsClient({
              env,
              ...options.imds,
              ...pass('clock', 'random', 'dispatcher', 'fs', 'homeDir', 'logger', 'headers'),
              ...(options.profile === undefined ? {} : { profile: options.profile }),
            }),
          ));
  const deadlineMs = options.deadlineMs ?? DEFAULT_CREDENTIALS_DEADLINE_MS;
  const providers: NamedProvider[] = [
    envProvider,
    profileStep(options, env, deadlineMs),
    lazy('web-identity', async () => (await import('./fromWebIdentity.js')).fromWebIdentity({ env, ...pass('fs', 'sts', 'clock', 'dispatcher', 'random') })),
    lazy('container', async () => (await import('./fromContainer.js')).fromContainer({ env, ...options.container, ...pass('fs', 'dispatcher', 'clock', 'random', 'headers') })),
    lazy('imds', async () => {
      const [{ fromInstanceMetadata }, client] = await Promise.all([import('./fromInstanceMetadata.js'), sharedImdsClient()]);
      return fromInstanceMetadata({ env, client, ...pass('clock', 'random', 'logger') });
    }),
  ];
  const profileAsked = options.profile ?? envValue(env, 'AWS_PROFILE');
  const intended = (trace: readonly CredentialsTraceStep[], lastError: CredentialsProviderError | undefined): { provider: string; reason: string } => {
    const profileStep = trace.find((s) => s.provider === 'profile');
    if (!trace.some((s) => s.outcome === 'failed') && profileAsked !== undefined && profileStep !== undefined) {
      return { provider: 'profile', reason: `profile ${profileAsked} (${options.profile !== undefined ? 'chosen in code' : 'AWS_PROFILE'}) gave no credentials: ${profileStep.reason}` };
    }
    return intendedProvider(trace, lastError);
  };
  return createChain(providers, { deadlineMs, intended, ...pass('clock') });
}

/**
 * The default credential chain, memoized process-wide per configuration:
 * single-flight (a thousand concurrent callers cause one lookup), refreshed in
 * the background in a jittered window before expiry, one deadline per
 * resolution (default 5 s). Fails with a {@link CredentialsUnavailableError}
 * naming the provider the user evidently intended, with the whole trace.
 *
 * @example
 * ```ts
 * const credentials = defaultCredentials();
 * const { accessKeyId } = await credentials();
 * ```
 * @public
 */
export function defaultCredentials(options: DefaultCredentialsOptions = {}): MemoizedProvider {
  const key = options.shared === false ? undefined : cacheKey(options);
  const existing = key === undefined ? undefined : shared.get(key);
  if (existing !== undefined) return existing;
  const provider = memoize(createDefaultChain(options), {
    ...options.cache,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.random === undefined ? {} : { random: options.random }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  if (key !== undefined) shared.set(key, provider);
  return provider;
}
