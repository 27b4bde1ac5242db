import { envValue } from '../config/Env.js';
import type { Env } from '../config/Env.js';
import { loadSharedConfig, resolveProfileName } from '../config/loadSharedConfig.js';
import type { SharedConfig } from '../config/loadSharedConfig.js';
import { CredentialsNotConfiguredError } from '../errors.js';
import type { CredentialsProviderError, CredentialsTraceStep } from '../errors.js';
import type { ImdsClient, ImdsClientOptions } from '../imds/createImdsClient.js';
import { createChain, describeCredentials, intendedProvider, named } from './chain.js';
import type { ChainProvider, NamedProvider } from './chain.js';
import type { Credentials } from '../identity/Credentials.js';
import { maskAccessKeyId } from '../identity/Credentials.js';
import { fromEnv } from './fromEnv.js';
import type { FromProfileOptions } from './fromProfile.js';
import { memoize } from './memoize.js';
import { planProfile } from './resolveProfileChain.js';
import type { ProfileChain } from './resolveProfileChain.js';
import { staticKeysCredentials } from './staticKeysCredentials.js';
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

/**
 * What decides a resolution, split in two: the text of the plain settings (the
 * variables the chain reads, primitive options, the JSON of the settings
 * objects) and the injected objects (dispatcher, fs, clock, sts, ...) in
 * option order. The text may live as long as the process; the objects must
 * not be kept alive by the cache (docs/decisions/0102).
 */
function cacheKey(options: DefaultCredentialsOptions): { readonly text: string; readonly objects: readonly object[] } {
  const env = options.env ?? process.env;
  const vars = Object.keys(env)
    .filter((k) => k.startsWith('AWS_') || k === 'HOME' || k === 'USERPROFILE')
    .sort()
    .map((k) => [k, env[k]]);
  const objects: object[] = [];
  const parts = Object.entries(options)
    .filter(([k, v]) => k !== 'env' && v !== undefined)
    // Plain code-unit order: localeCompare's first call loads ICU collation (~6 ms in a fresh process).
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => {
      if ((typeof v !== 'object' && typeof v !== 'function') || v === null) return [k, v];
      if (k === 'imds' || k === 'container' || k === 'cache' || k === 'headers') return [k, JSON.stringify(v)];
      objects.push(v as object);
      return [k];
    });
  return { text: JSON.stringify([vars, parts]), objects };
}

/**
 * The process-wide cache: one memoized chain per configuration, so every
 * client of a configuration shares one lookup and one refresh. A
 * configuration with injected objects is reached through a WeakMap per
 * object: its entry goes when any of its objects is collected, so a program
 * that makes short-lived clients, each with its own dispatcher, does not grow.
 */
interface CacheNode {
  provider?: MemoizedProvider;
  readonly next: WeakMap<object, CacheNode>;
}
const shared = new Map<string, CacheNode>();

function cacheSlot(key: { readonly text: string; readonly objects: readonly object[] }): CacheNode {
  let node: CacheNode | undefined = shared.get(key.text);
  if (node === undefined) shared.set(key.text, (node = { next: new WeakMap() }));
  for (const object of key.objects) {
    let child: CacheNode | undefined = node.next.get(object);
    if (child === undefined) node.next.set(object, (child = { next: new WeakMap() }));
    node = child;
  }
  return node;
}

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
 * The chain's profile step. It reads the shared config files and runs the one
 * profile planner itself: the planner's early answers (static keys and no
 * role; no profile at all) are served without importing the profile provider
 * (docs/decisions/0101); anything else, a failure included, goes to the
 * provider with what was read, which plans the same way and reports it. A
 * `credential_process` is stopped at the chain's deadline, not left running
 * after the chain has given up on it.
 * @internal
 */
export function profileStep(options: DefaultCredentialsOptions, env: Env, deadlineMs: number = DEFAULT_CREDENTIALS_DEADLINE_MS): NamedProvider {
  let resolver: Promise<(preloaded?: SharedConfig) => Promise<Credentials>> | undefined;
  return named('profile', async () => {
    let config: SharedConfig | undefined;
    try {
      config = await loadSharedConfig({ env, ...(options.fs === undefined ? {} : { fs: options.fs }), ...(options.homeDir === undefined ? {} : { homeDir: options.homeDir }) });
    } catch {
      // The provider reads again and reports the failure in its own words.
    }
    if (config !== undefined) {
      const asked = options.profile !== undefined || envValue(env, 'AWS_PROFILE') !== undefined;
      let plan: ProfileChain | undefined;
      try {
        plan = planProfile(config, resolveProfileName({ env, profile: options.profile }), asked);
      } catch (error) {
        if (error instanceof CredentialsNotConfiguredError) throw error;
      }
      if (plan !== undefined && plan.roles.length === 0 && plan.base.kind === 'AccessKey') return staticKeysCredentials(plan.base, config);
    }
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
  const slot = options.shared === false ? undefined : cacheSlot(cacheKey(options));
  if (slot?.provider !== undefined) return slot.provider;
  const provider = memoize(createDefaultChain(options), {
    ...options.cache,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.random === undefined ? {} : { random: options.random }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  if (slot !== undefined) slot.provider = provider;
  return provider;
}
