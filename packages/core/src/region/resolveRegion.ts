import { envValue, type Env } from '../config/Env.js';
import { InvalidRegionError } from '../errors.js';
import { monotonicMs } from '../time/clock.js';

/** The region every client falls back to when nothing is configured; shown as source `default`, never silently (docs/decisions/0050). @public */
export const DEFAULT_REGION = 'us-east-1';

/** Where a region came from (the `region.source` of `rolecall explain`). @public */
export type RegionSource = 'explicit' | 'env:AWS_REGION' | 'env:AWS_DEFAULT_REGION' | `profile:${string}` | 'imds' | 'default';

/** One step of region resolution, in the shape of the explain trace. @public */
export interface RegionTraceStep {
  readonly step: 'explicit' | 'env:AWS_REGION' | 'env:AWS_DEFAULT_REGION' | 'profile' | 'imds' | 'default';
  readonly outcome: 'ok' | 'skipped' | 'failed';
  readonly reason: string;
  readonly ms: number;
}

/** @public */
export interface ResolvedRegion {
  readonly value: string;
  readonly source: RegionSource;
  /** Every step tried, in order, up to and including the one that answered. */
  readonly trace: readonly RegionTraceStep[];
}

/** @public */
export interface ResolveRegionOptions {
  /** A region passed in code or on the command line: wins over everything. */
  readonly region?: string | undefined;
  /** Defaults to `process.env`. */
  readonly env?: Env;
  /** Profile whose `region` to read; defaults to `AWS_PROFILE`, then `default`. */
  readonly profile?: string | undefined;
  /** Reads the profile's `region` from the shared config files; absent: the profile step is skipped. Errors propagate (a broken config file is not "no region"). */
  readonly profileRegion?: (profile: string) => Promise<string | undefined>;
  /** IMDS `placement/region`, opt-in; a failure is traced and resolution falls through to the default. */
  readonly imds?: { readonly enabled: boolean; readonly get: () => Promise<string> };
  /** High-resolution time for the trace's `ms`; defaults to a monotonic clock (`process.hrtime`). */
  readonly now?: () => number;
}

// A region is a DNS label (it becomes part of the endpoint host): lower case,
// letters, digits and inner hyphens. Looser than the partition regexes on
// purpose, so a new or local region keeps working.
const REGION_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Checks that `region` can be a region name and returns it; throws
 * {@link InvalidRegionError} naming the source and the fix otherwise.
 * @public
 */
export function validateRegion(region: string, source: string): string {
  if (REGION_PATTERN.test(region)) return region;
  const trimmed = region.trim();
  const suggestion = trimmed.toLowerCase().replace(/[\s_]+/g, '-');
  const hint =
    suggestion !== region && REGION_PATTERN.test(suggestion)
      ? `did you mean "${suggestion}"? Region names are lower case with hyphens`
      : 'region names are lower case letters, digits and hyphens, e.g. "us-east-1" or "eu-west-2"';
  throw new InvalidRegionError(region, source, hint);
}

/**
 * Resolves the region: explicit → `AWS_REGION` → `AWS_DEFAULT_REGION` → the
 * profile's `region` → IMDS (opt-in) → `us-east-1`, and says which one
 * answered and why the others did not.
 *
 * @example
 * ```ts
 * const { value, source } = await resolveRegion({ env: process.env });
 * // value "us-east-1", source "default" when nothing is configured
 * ```
 * @public
 */
export async function resolveRegion(options: ResolveRegionOptions = {}): Promise<ResolvedRegion> {
  const env = options.env ?? process.env;
  const now = options.now ?? monotonicMs;
  const trace: RegionTraceStep[] = [];
  let started = now();
  const record = (step: RegionTraceStep['step'], outcome: RegionTraceStep['outcome'], reason: string): void => {
    const end = now();
    trace.push({ step, outcome, reason, ms: Math.round((end - started) * 1000) / 1000 });
    started = end;
  };
  const done = (value: string, source: RegionSource): ResolvedRegion => ({ value, source, trace });

  const explicit = options.region === undefined || options.region.trim() === '' ? undefined : options.region;
  if (explicit !== undefined) {
    record('explicit', 'ok', `region ${validateRegion(explicit, 'explicit')} passed in`);
    return done(explicit, 'explicit');
  }
  record('explicit', 'skipped', 'no region passed in (option or --region)');

  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const) {
    const value = envValue(env, name);
    const step = `env:${name}` as const;
    if (value !== undefined) {
      record(step, 'ok', `${name}=${validateRegion(value, step)}`);
      return done(value, step);
    }
    record(step, 'skipped', `${name} is not set`);
  }

  const profile = options.profile ?? envValue(env, 'AWS_PROFILE') ?? 'default';
  if (options.profileRegion === undefined) {
    record('profile', 'skipped', 'no shared config reader given');
  } else {
    const value = await options.profileRegion(profile);
    if (value !== undefined && value.trim() !== '') {
      const source = `profile:${profile}` as const;
      record('profile', 'ok', `region = ${validateRegion(value, source)} in profile ${profile}`);
      return done(value, source);
    }
    record('profile', 'skipped', `profile ${profile} sets no region`);
  }

  if (options.imds?.enabled !== true) {
    record('imds', 'skipped', 'IMDS region lookup is opt-in and not enabled');
  } else {
    try {
      const value = (await options.imds.get()).trim();
      record('imds', 'ok', `placement/region = ${validateRegion(value, 'imds')}`);
      return done(value, 'imds');
    } catch (error) {
      if (error instanceof InvalidRegionError) throw error;
      record('imds', 'failed', `placement/region: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  record('default', 'ok', `no region configured: using ${DEFAULT_REGION} (set AWS_REGION or pass --region to change it)`);
  return done(DEFAULT_REGION, 'default');
}
