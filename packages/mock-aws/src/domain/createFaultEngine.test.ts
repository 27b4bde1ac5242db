import { describe, expect, it } from 'vitest';
import { createFaultEngine } from './createFaultEngine.js';

const target = { service: 'imds', action: 'metadata', path: '/latest/meta-data/instance-id', client: 'a' } as const;

describe('createFaultEngine', () => {
  it('answers null with no rules or no match', () => {
    expect(createFaultEngine({}, 1, 0, () => 0).decide(target)).toBeNull();
    expect(createFaultEngine({ rules: [{ service: 'sts', status: 500 }] }, 1, 0, () => 0).decide(target)).toBeNull();
  });

  it('draws probability from the plan seed, falling back to the config seed', () => {
    const draws = (seed: number | undefined, fallback: number): boolean[] => {
      const engine = createFaultEngine({ ...(seed === undefined ? {} : { seed }), rules: [{ service: 'imds', status: 500, probability: 0.5 }] }, fallback, 0, () => 0);
      return Array.from({ length: 32 }, () => engine.decide(target) !== null);
    };
    expect(draws(3, 1)).toEqual(draws(3, 2));
    expect(draws(undefined, 3)).toEqual(draws(3, 9));
    expect(draws(3, 1)).not.toEqual(draws(4, 1));
    expect(draws(3, 1).filter(Boolean).length).toBeGreaterThan(5);
  });

  it('counts nth over matches only, not over every request', () => {
    const engine = createFaultEngine({ rules: [{ service: 'imds', client: 'b', status: 500, nth: 2 }] }, 1, 0, () => 0);
    const other = { ...target, client: 'b' };
    expect([engine.decide(target), engine.decide(other), engine.decide(target), engine.decide(other)].map((d) => d?.status ?? null)).toEqual([null, null, null, 500]);
  });

  it('reads window bounds as ms after the origin or as ISO times', () => {
    let t = 1000;
    const engine = createFaultEngine({ rules: [{ service: 'imds', status: 503, from: 500, until: '1970-01-01T00:00:02Z' }] }, 1, 1000, () => t);
    const at = (ms: number): number | null => {
      t = ms;
      return engine.decide(target)?.status ?? null;
    };
    expect([at(1499), at(1500), at(1999), at(2000)]).toEqual([null, 503, 503, null]);
  });
});
