import type { ThrottleSpec } from './MockConfig.js';

/** The services that have token buckets. @internal */
export type ThrottledService = 'imds' | 'sts' | 'container';

/** @internal */
export interface Throttles {
  /**
   * Takes one token from the bucket of `service` (and `client` when the
   * bucket is per client). False when it is empty: the request is throttled
   * and, when the spec has a `rejectCost`, the bucket is charged that much
   * more (down to minus one burst), so a retry storm delays recovery.
   */
  take(service: ThrottledService, client: string): boolean;
  /** Replaces the buckets' specs; every bucket starts full again. */
  configure(specs: Readonly<Record<ThrottledService, ThrottleSpec | null>>): void;
}

interface Bucket {
  tokens: number;
  lastMs: number;
}

/** Per-client buckets kept before full ones are forgotten (a full bucket is the same as a new one). */
const MAX_BUCKETS = 10_000;

/**
 * Token buckets on the mock's clock: they refill at `rps` up to `burst`,
 * measured on `now()` — virtual time in tests, real time (plus offset) on
 * the loopback server.
 * @internal
 */
export function createThrottles(now: () => number): Throttles {
  let specs: Readonly<Record<ThrottledService, ThrottleSpec | null>> = { imds: null, sts: null, container: null };
  let buckets = new Map<string, Bucket>();
  // When a prune frees little, the next waits until the map has doubled, so pruning stays amortized O(1).
  let pruneAt = MAX_BUCKETS;

  const refill = (bucket: Bucket, spec: ThrottleSpec, t: number): void => {
    if (t > bucket.lastMs) bucket.tokens = Math.min(spec.burst, bucket.tokens + ((t - bucket.lastMs) / 1000) * spec.rps);
    bucket.lastMs = t;
  };

  const prune = (t: number): void => {
    for (const [key, bucket] of buckets) {
      const spec = specs[key.slice(0, key.indexOf(':')) as ThrottledService];
      if (spec === null) buckets.delete(key);
      else {
        refill(bucket, spec, t);
        if (bucket.tokens >= spec.burst) buckets.delete(key);
      }
    }
  };

  return {
    take(service, client) {
      const spec = specs[service];
      if (spec === null) return true;
      const key = spec.per === 'client' ? `${service}:${client}` : `${service}:`;
      const t = now();
      let bucket = buckets.get(key);
      if (bucket === undefined) {
        if (buckets.size >= pruneAt) {
          prune(t);
          pruneAt = Math.max(MAX_BUCKETS, buckets.size * 2);
        }
        bucket = { tokens: spec.burst, lastMs: t };
        buckets.set(key, bucket);
      } else refill(bucket, spec, t);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return true;
      }
      bucket.tokens = Math.max(-spec.burst, bucket.tokens - (spec.rejectCost ?? 0));
      return false;
    },
    configure(next) {
      specs = { ...next };
      buckets = new Map();
      pruneAt = MAX_BUCKETS;
    },
  };
}
