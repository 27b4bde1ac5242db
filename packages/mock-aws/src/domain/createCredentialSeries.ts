import type { IssuedKey } from './KeyStore.js';

/** One set of role credentials and its life on the mock's clock. @internal */
export interface Generation {
  readonly index: number;
  readonly issuedAtMs: number;
  readonly expiresAtMs: number;
  readonly key: IssuedKey;
}

/** @internal */
export interface CredentialSeries {
  /** The generation published at `nowMs`. */
  current(nowMs: number): Generation;
}

/** @internal */
export interface CredentialSeriesOptions {
  /** Where generation 0 is issued: the clock's start. */
  readonly originMs: number;
  readonly lifetimeMs: number;
  /** How long before a generation expires its successor is published. */
  readonly rotateBeforeMs: number;
  /** Outage mode: never rotate; generation 0 is served forever, expired or not. */
  readonly frozen: boolean;
  /** Makes and registers the key of a new generation. */
  readonly issue: (issuedAtMs: number, expiresAtMs: number) => IssuedKey;
}

/** Generations kept: the current one and a few before it (the clock may be set back). */
const KEPT = 4;

/**
 * Role credentials that rotate in generations (docs/decisions/0011).
 * Generation k is issued at `origin + k·(lifetime − rotateBefore)` and
 * expires `lifetime` later, so each successor appears `rotateBefore` before
 * its predecessor expires and any moment has exactly one published
 * generation. Keys are made lazily, on the first read of a generation, so an
 * idle mock issues nothing; the schedule does not depend on when reads
 * happen.
 * @internal
 */
export function createCredentialSeries(options: CredentialSeriesOptions): CredentialSeries {
  const periodMs = options.lifetimeMs - options.rotateBeforeMs;
  const generations = new Map<number, Generation>();
  return {
    current(nowMs) {
      const index = options.frozen ? 0 : Math.max(0, Math.floor((nowMs - options.originMs) / periodMs));
      let generation = generations.get(index);
      if (generation === undefined) {
        const issuedAtMs = options.originMs + index * periodMs;
        const expiresAtMs = issuedAtMs + options.lifetimeMs;
        generation = { index, issuedAtMs, expiresAtMs, key: options.issue(issuedAtMs, expiresAtMs) };
        generations.set(index, generation);
        if (generations.size > KEPT) {
          for (const old of generations.keys()) if (old < index - KEPT + 1 || old > index + KEPT) generations.delete(old);
        }
      }
      return generation;
    },
  };
}
