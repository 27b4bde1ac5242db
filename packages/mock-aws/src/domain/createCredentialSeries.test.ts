import { describe, expect, it } from 'vitest';
import { createCredentialSeries } from './createCredentialSeries.js';
import type { IssuedKey } from './KeyStore.js';

function series(frozen = false) {
  const issued: number[] = [];
  const s = createCredentialSeries({
    originMs: 1_000_000,
    lifetimeMs: 60_000,
    rotateBeforeMs: 20_000,
    frozen,
    issue: (issuedAtMs, expiresAtMs) => {
      issued.push(issuedAtMs);
      return { accessKeyId: `K${issuedAtMs}`, secretAccessKey: 's', expiresAtMs, identity: { kind: 'instance-role', account: '1', arn: 'a', userId: 'u' }, issuedBy: 'imds' } satisfies IssuedKey;
    },
  });
  return { s, issued };
}

describe('createCredentialSeries', () => {
  it('publishes generation k at origin + k·(lifetime − rotateBefore), each living lifetime', () => {
    const { s } = series();
    expect(s.current(1_000_000)).toMatchObject({ index: 0, issuedAtMs: 1_000_000, expiresAtMs: 1_060_000 });
    expect(s.current(1_039_999).index).toBe(0);
    expect(s.current(1_040_000)).toMatchObject({ index: 1, issuedAtMs: 1_040_000, expiresAtMs: 1_100_000 });
    expect(s.current(1_000_000 + 40_000 * 7 + 5)).toMatchObject({ index: 7 });
  });

  it('issues each generation once, lazily, and never an expired one', () => {
    const { s, issued } = series();
    for (let t = 1_000_000; t < 1_200_000; t += 1000) {
      const g = s.current(t);
      expect(g.expiresAtMs - t).toBeGreaterThan(20_000 - 1);
    }
    expect(issued).toEqual([1_000_000, 1_040_000, 1_080_000, 1_120_000, 1_160_000]);
  });

  it('serves generation 0 before the origin and forever when frozen', () => {
    expect(series().s.current(0).index).toBe(0);
    const { s } = series(true);
    expect(s.current(9_000_000)).toMatchObject({ index: 0, expiresAtMs: 1_060_000 });
  });
});
