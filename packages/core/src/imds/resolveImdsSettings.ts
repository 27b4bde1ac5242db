import type { Env } from '../config/Env.js';
import { envValue } from '../config/Env.js';
import { loadSharedConfig, resolveProfileName } from '../config/loadSharedConfig.js';
import type { ProfileData, ReadFileFs } from '../config/loadSharedConfig.js';
import { InvalidOptionError } from '../errors.js';
import { DEFAULT_METADATA_MAX_ATTEMPTS } from './retryMetadataRequest.js';
import { resolveImdsEndpoint } from './resolveImdsEndpoint.js';
import type { ResolvedImdsEndpoint } from './resolveImdsEndpoint.js';

/** @public */
export const DEFAULT_IMDS_TIMEOUT_MS = 1000;
/** Attempts per request unless `AWS_METADATA_SERVICE_NUM_ATTEMPTS` or `maxAttempts` says (docs/decisions/0081). @public */
export const DEFAULT_IMDS_MAX_ATTEMPTS = DEFAULT_METADATA_MAX_ATTEMPTS;
/** What the IMDS settings are read from, besides env and the profile. @public */
export interface ImdsSettingsOptions {
  /** Base URL; beats `AWS_EC2_METADATA_SERVICE_ENDPOINT`, the profile and the mode. */
  readonly endpoint?: string;
  /** `IPv4` or `IPv6` (any case). */
  readonly endpointMode?: string;
  readonly env?: Env;
  /** Profile whose `ec2_metadata_*` settings apply; defaults to `AWS_PROFILE`, then `default`. */
  readonly profile?: string;
  /** Read the shared config files through this (default: node:fs). */
  readonly fs?: ReadFileFs;
  readonly homeDir?: string;
  /** Per request (GET); default `AWS_METADATA_SERVICE_TIMEOUT` seconds, else 1000 ms. The token PUT gets half. */
  readonly timeoutMs?: number;
  /** Attempts per request, the first included: 5xx, 429 and connection failures are retried with a jittered backoff. Default `AWS_METADATA_SERVICE_NUM_ATTEMPTS`, else 3. */
  readonly maxAttempts?: number;
  /** `false` forbids IMDSv1 (as `AWS_EC2_METADATA_V1_DISABLED=true` or the profile's `ec2_metadata_v1_disabled`). */
  readonly v1Fallback?: boolean;
}

/** Effective settings, with where each came from. @public */
export interface ImdsSettings extends ResolvedImdsEndpoint {
  readonly disabled: boolean;
  /** undefined when IMDSv1 is allowed; else what forbade it. */
  readonly v1ForbiddenBy: string | undefined;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && value.trim().toLowerCase() === 'true';
}

function positiveNumber(value: string | undefined, name: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.trim());
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new InvalidOptionError(name, `${name}=${JSON.stringify(value)} is not a positive ${integer ? 'integer' : 'number'}; ${integer ? 'e.g. 3' : 'seconds, e.g. 1 or 0.5'}`);
  }
  return n;
}

/**
 * The IMDS client's effective settings, each with where it came from: the
 * options, then env (`AWS_EC2_METADATA_*`, `AWS_METADATA_SERVICE_*`), then
 * the selected profile's `ec2_metadata_*` settings.
 * @internal
 */
export async function resolveImdsSettings(options: ImdsSettingsOptions): Promise<ImdsSettings> {
  const env = options.env ?? process.env;
  let profile: ProfileData | undefined;
  const needsProfile =
    options.endpoint === undefined || options.v1Fallback === undefined;
  if (needsProfile) {
    const config = await loadSharedConfig({ env, ...(options.fs === undefined ? {} : { fs: options.fs }), ...(options.homeDir === undefined ? {} : { homeDir: options.homeDir }) });
    profile = config.profile(resolveProfileName({ env, profile: options.profile }));
  }
  const endpoint = resolveImdsEndpoint({ endpoint: options.endpoint, endpointMode: options.endpointMode, env, profile });
  const v1ForbiddenBy =
    options.v1Fallback === false
      ? 'the v1Fallback: false option'
      : options.v1Fallback === true
        ? undefined
        : isTrue(envValue(env, 'AWS_EC2_METADATA_V1_DISABLED'))
          ? 'AWS_EC2_METADATA_V1_DISABLED=true'
          : isTrue(profile?.properties.get('ec2_metadata_v1_disabled'))
            ? `ec2_metadata_v1_disabled = true in profile ${profile?.name ?? ''}`
            : undefined;
  const timeoutS = positiveNumber(envValue(env, 'AWS_METADATA_SERVICE_TIMEOUT'), 'AWS_METADATA_SERVICE_TIMEOUT', false);
  const attempts = positiveNumber(envValue(env, 'AWS_METADATA_SERVICE_NUM_ATTEMPTS'), 'AWS_METADATA_SERVICE_NUM_ATTEMPTS', true);
  return {
    ...endpoint,
    disabled: isTrue(envValue(env, 'AWS_EC2_METADATA_DISABLED')),
    v1ForbiddenBy,
    timeoutMs: options.timeoutMs ?? (timeoutS === undefined ? DEFAULT_IMDS_TIMEOUT_MS : timeoutS * 1000),
    maxAttempts: options.maxAttempts ?? attempts ?? DEFAULT_IMDS_MAX_ATTEMPTS,
  };
}
