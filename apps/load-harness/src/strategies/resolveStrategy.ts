import {
  createFairShareQuota,
  createRetryQuota,
  createRetryStrategy,
  STRATEGY_NAMES,
  type RetryQuota,
  type RetryStrategy,
  type RetryStrategyOptions,
  type StrategyName,
} from '@rolecall/core';
import type { StrategySource } from './StrategySource.js';
import { HarnessOptionError } from '../errors.js';

/** The anchors compared beside the core's strategies. @public */
export const ANCHOR_STRATEGIES = ['smithy-standard', 'undici-retry'] as const;

/** Every strategy name the harness knows. @public */
export const HARNESS_STRATEGIES: readonly string[] = [...STRATEGY_NAMES, ...ANCHOR_STRATEGIES];

/** Where a strategy's quota lives (E6). @public */
export type QuotaScope = 'client' | 'shared' | 'fair-share';

/** @public */
export interface ResolveStrategyOptions {
  readonly scope?: QuotaScope;
  /** Clients in the run (divides a fair-share quota). */
  readonly clients: number;
  /** Extra options for the core's factories (maxAttempts, baseMs ...). */
  readonly options?: Partial<RetryStrategyOptions>;
}

/** undici 7's RetryHandler schedule, for the simulation: min(500 · 2^(n−1), 30 s), no jitter, 5 retries, Retry-After taken as is. */
const UNDICI = { minTimeoutMs: 500, timeoutFactor: 2, maxTimeoutMs: 30_000, maxRetries: 5 } as const;

/**
 * A model of undici's retry interceptor for the simulation (real mode uses the
 * interceptor itself): its default timing and limits, no jitter, no quota, and
 * a server hint honoured exactly, which is what synchronises a fleet in E4.
 */
function undiciRetryModel(): RetryStrategy {
  return {
    name: 'undici-retry',
    acquireInitialRetryToken: async () => ({ retryCount: 0, delayMs: 0 }),
    refreshRetryTokenForRetry: async (token, error) => {
      const counter = token.retryCount + 1;
      if (counter > UNDICI.maxRetries || error.errorClass === 'non-retryable') {
        throw Object.assign(new Error(`undici-retry gave up after ${counter} attempts`), { code: 'UND_ERR_REQ_RETRY' });
      }
      const delayMs =
        error.retryAfterMs !== undefined && error.retryAfterMs > 0
          ? Math.min(error.retryAfterMs, UNDICI.maxTimeoutMs)
          : Math.min(UNDICI.minTimeoutMs * UNDICI.timeoutFactor ** (counter - 1), UNDICI.maxTimeoutMs);
      return { retryCount: counter, delayMs };
    },
    recordSuccess: () => {},
  };
}

function isCoreName(name: string): name is StrategyName {
  return (STRATEGY_NAMES as readonly string[]).includes(name);
}

/**
 * Turns a strategy name into a source of per-client instances for the
 * simulation, with the quota scope applied: `client` gives each instance its
 * own quota (the SDK default), `shared` one quota for all, `fair-share` one
 * pool with a per-client ceiling (the core's createFairShareQuota).
 * `smithy-standard` sleeps inside the SDK with the real timer, so it exists in
 * real mode only (see src/real/anchors.ts).
 * @public
 */
export function resolveSimStrategy(name: string, options: ResolveStrategyOptions): StrategySource {
  if (name === 'undici-retry') return { name, create: () => undiciRetryModel() };
  if (!isCoreName(name)) {
    const hint = name === 'smithy-standard' ? ' It sleeps on the real timer inside the SDK, so it runs in real mode only (drop --sim).' : '';
    throw new HarnessOptionError('strategies', `Unknown strategy for the simulation: ${JSON.stringify(name)}.${hint} Known: ${[...STRATEGY_NAMES, 'undici-retry'].join(', ')}.`);
  }
  return coreStrategySource(name, options);
}

/** A core strategy with the quota scope applied; shared by both modes. @internal */
export function coreStrategySource(name: StrategyName, options: ResolveStrategyOptions): StrategySource {
  const scope = options.scope ?? 'client';
  const usesQuota = name === 'aws-standard' || name === 'aws-adaptive' || name === 'rolecall';
  let shared: RetryQuota | undefined;
  const fair = scope === 'fair-share' ? createFairShareQuota({ clients: options.clients }) : undefined;
  const quotaFor = (client: number): RetryQuota | undefined => {
    if (!usesQuota || scope === 'client') return undefined;
    if (fair !== undefined) return fair.forClient(String(client));
    shared ??= createRetryQuota();
    return shared;
  };
  return {
    name,
    create: ({ client, clock, random }) => {
      const quota = quotaFor(client);
      return createRetryStrategy(name, { ...options.options, clock, random, ...(quota === undefined ? {} : { quota }) });
    },
  };
}
