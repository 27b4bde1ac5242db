import { CredentialsNotConfiguredError, CredentialsProviderError, ImdsError } from '../errors.js';
import { createImdsClient } from '../imds/createImdsClient.js';
import type { ImdsClient, ImdsClientOptions, ImdsLogger } from '../imds/createImdsClient.js';
import type { Random } from '../random/random.js';
import { systemRandom } from '../random/random.js';
import { systemClock } from '../time/clock.js';
import { describeCredentials, named } from './chain.js';
import type { NamedProvider, ProviderContext } from './chain.js';
import type { Credentials } from '../identity/Credentials.js';
import { maskAccessKeyId } from '../identity/Credentials.js';

/** Static stability: expired credentials are stretched by 5 to 15 minutes (docs/decisions/0064). @public */
export const STATIC_STABILITY_MIN_MS = 5 * 60_000;
/** @public */
export const STATIC_STABILITY_MAX_MS = 15 * 60_000;

/** After IMDS did not answer at all, the next calls skip it this long (process-wide per provider) instead of waiting again. @public */
export const IMDS_NEGATIVE_CACHE_MS = 60_000;

/** @public */
export interface FromInstanceMetadataOptions extends ImdsClientOptions {
  /** A client to share (its token cache, its settings); default: one made from these options. */
  readonly client?: ImdsClient;
  readonly random?: Random;
  /** Told once per credential generation when static stability stretches it, and about IMDS trouble. */
  readonly logger?: ImdsLogger;
}

/**
 * The instance role's credentials from IMDS, with static stability done
 * right: only credentials that are *already expired* (served so by IMDS, or
 * the last good ones when a refresh fails) are extended, by a jittered 5–15
 * minutes, and the logger hears about it once per generation. Unexpired
 * credentials are never stretched. Skipped when `AWS_EC2_METADATA_DISABLED`
 * is true, or when nothing answers at the IMDS address (not on EC2).
 *
 * @example
 * ```ts
 * const credentials = memoize(fromInstanceMetadata({ logger: console }));
 * ```
 * @public
 */
export function fromInstanceMetadata(options: FromInstanceMetadataOptions = {}): NamedProvider & { readonly providerName: string } {
  const client = options.client ?? createImdsClient(options);
  const clock = options.clock ?? systemClock;
  const random = options.random ?? systemRandom;
  let last: Credentials | undefined;
  /** A "nothing answered" skip, replayed without waiting until `until`. */
  let unreachable: { until: number; error: CredentialsProviderError } | undefined;
  const warned = new Set<string>();

  const stretch = (credentials: Credentials, why: string): Credentials => {
    const expiration = credentials.expiration;
    if (expiration === undefined || expiration.getTime() > clock.now()) return credentials;
    const extendMs = STATIC_STABILITY_MIN_MS + random() * (STATIC_STABILITY_MAX_MS - STATIC_STABILITY_MIN_MS);
    const extended: Credentials = { ...credentials, expiration: new Date(clock.now() + extendMs) };
    const generation = `${credentials.accessKeyId}@${expiration.toISOString()}`;
    if (!warned.has(generation)) {
      warned.add(generation);
      options.logger?.warn(
        `IMDS credentials ${maskAccessKeyId(credentials.accessKeyId)} expired at ${expiration.toISOString()} (${why}); using them for ${Math.round(extendMs / 1000)} s more (static stability) while IMDS recovers`,
      );
    }
    return describeCredentials(extended, `expired credentials ${maskAccessKeyId(credentials.accessKeyId)} extended to ${extended.expiration?.toISOString() ?? ''} (static stability: ${why})`);
  };

  return named('imds', async (context?: ProviderContext): Promise<Credentials> => {
    const settings = await client.settings().catch((error: unknown) => {
      throw new CredentialsProviderError('imds', error instanceof Error ? error.message : String(error), { cause: error });
    });
    if (settings.disabled) throw new CredentialsNotConfiguredError('imds', 'AWS_EC2_METADATA_DISABLED is true', 'AWS_EC2_METADATA_DISABLED unset or false');
    if (unreachable !== undefined && clock.now() < unreachable.until) throw unreachable.error;
    try {
      const { roleName, credentials, protocol } = await client.credentials({ signal: context?.signal });
      const hop = client.diagnostics().some((d) => d.includes('hop limit')) ? ' (token PUT timed out: raise the instance hop limit to 2)' : '';
      last = credentials;
      const served = stretch(credentials, 'IMDS served them expired');
      return served === credentials ? describeCredentials(credentials, `role ${roleName} via ${protocol}${hop} from ${settings.endpoint}`) : served;
    } catch (error) {
      if (last !== undefined) {
        if (last.expiration === undefined || last.expiration.getTime() > clock.now()) {
          return describeCredentials({ ...last }, `IMDS refresh failed (${error instanceof Error ? error.message : String(error)}); the previous credentials are still valid`);
        }
        return stretch(last, `refresh failed: ${error instanceof ImdsError ? error.message : String(error)}`);
      }
      const reason = error instanceof Error ? error.message : String(error);
      // Nothing answered at the default address: most likely not on EC2, so the
      // chain ends with "nothing configured". An endpoint someone configured
      // that does not answer is what they intended: a failure.
      const nothingAnswered = error instanceof ImdsError && error.statusCode === undefined && /did not answer|not reachable|answered neither/.test(error.message) && !error.message.includes('hop limit');
      const failure = new CredentialsProviderError('imds', reason, { tryNextLink: nothingAnswered && settings.source === 'default', cause: error });
      if (nothingAnswered) {
        const until = clock.now() + IMDS_NEGATIVE_CACHE_MS;
        unreachable = {
          until,
          error: new CredentialsProviderError('imds', `${reason} (remembered until ${new Date(until).toISOString()}; not retried before)`, { tryNextLink: failure.tryNextLink, cause: error }),
        };
      }
      throw failure;
    }
  });
}
