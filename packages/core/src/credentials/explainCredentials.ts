import { resolveProfileName } from '../config/loadSharedConfig.js';
import type { CredentialsTraceStep } from '../errors.js';
import { resolveRegion } from '../region/resolveRegion.js';
import { sharedConfigRegion } from '../region/sharedConfigRegion.js';
import type { RegionTraceStep, RegionSource } from '../region/resolveRegion.js';
import type { CredentialSource } from '../identity/Credentials.js';
import { maskAccessKeyId } from '../identity/Credentials.js';
import { createDefaultChain } from './defaultCredentials.js';
import type { DefaultCredentialsOptions } from './defaultCredentials.js';

/** The `rolecall explain --json` object (ARCHITECTURE.md). No secret ever appears in it. @public */
export interface CredentialsExplanation {
  readonly credentials: {
    readonly ok: boolean;
    readonly source: CredentialSource | null;
    /** Masked to its last four characters. */
    readonly accessKeyId: string | null;
    /** ISO 8601 without milliseconds, or null for long-term keys. */
    readonly expiration: string | null;
    readonly trace: readonly CredentialsTraceStep[];
    /** When `ok` is false: the provider the user evidently intended and why it failed. */
    readonly error?: { readonly code: string; readonly provider: string; readonly message: string };
  };
  readonly region: {
    readonly value: string | null;
    readonly source: RegionSource | null;
    readonly trace: readonly RegionTraceStep[];
    readonly error?: { readonly code: string; readonly message: string };
  };
}

/** @public */
export interface ExplainCredentialsOptions extends DefaultCredentialsOptions {
  /** A region given in code or on the command line. */
  readonly region?: string;
}

const isoSeconds = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Resolves credentials and region afresh (no cache) and says how: every
 * provider in order with `ok`, `skipped` (what it needed) or `failed` (why),
 * and the region's steps beside it. Never throws for a resolution failure:
 * `credentials.ok` is false and `error` names the intended provider.
 *
 * @example
 * ```ts
 * const report = await explainCredentials({ profile: 'deploy' });
 * console.log(JSON.stringify(report, null, 2));
 * ```
 * @public
 */
export async function explainCredentials(options: ExplainCredentialsOptions = {}): Promise<CredentialsExplanation> {
  const env = options.env ?? process.env;
  const [result, region] = await Promise.all([
    createDefaultChain(options).resolveWithTrace(),
    resolveRegion({
      env,
      region: options.region,
      profile: resolveProfileName({ env, profile: options.profile }),
      profileRegion: sharedConfigRegion({ env, ...(options.fs === undefined ? {} : { fs: options.fs }), ...(options.homeDir === undefined ? {} : { homeDir: options.homeDir }) }),
    }).then(
      (r) => ({ value: r.value, source: r.source, trace: r.trace }),
      (error: unknown) => ({
        value: null,
        source: null,
        trace: [],
        error: { code: (error as { code?: string }).code ?? 'ERR_ROLECALL', message: error instanceof Error ? error.message : String(error) },
      }),
    ),
  ]);
  if (result.ok) {
    const c = result.credentials;
    return {
      credentials: {
        ok: true,
        source: c.source ?? null,
        accessKeyId: maskAccessKeyId(c.accessKeyId),
        expiration: c.expiration === undefined ? null : isoSeconds(c.expiration),
        trace: result.trace,
      },
      region,
    };
  }
  return {
    credentials: {
      ok: false,
      source: null,
      accessKeyId: null,
      expiration: null,
      trace: result.trace,
      error: { code: result.error.code, provider: result.error.provider, message: result.error.reason },
    },
    region,
  };
}
