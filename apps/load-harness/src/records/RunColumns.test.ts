import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AttemptRecord, OpRecord, RunRecords } from '../types.js';
import { computeMetrics } from '../metrics/computeMetrics.js';
import { concatColumns, toColumns, toRecords } from './RunColumns.js';

const attempt = fc.record({
  client: fc.integer({ min: 0, max: 9 }),
  op: fc.integer({ min: 0, max: 1000 }),
  attempt: fc.integer({ min: 0, max: 5 }),
  start: fc.double({ min: 0, max: 5000, noNaN: true }),
  end: fc.double({ min: 0, max: 5000, noNaN: true }),
  status: fc.constantFrom(200, 400, 503, 0),
  outcome: fc.constantFrom('ok' as const, 'throttled' as const, 'error' as const),
  delay: fc.double({ min: 0, max: 5000, noNaN: true }),
}) as fc.Arbitrary<AttemptRecord>;
const op = fc.record({
  client: fc.integer({ min: 0, max: 9 }),
  op: fc.integer({ min: 0, max: 1000 }),
  start: fc.double({ min: 0, max: 5000, noNaN: true }),
  end: fc.double({ min: 0, max: 5000, noNaN: true }),
  outcome: fc.constantFrom('success' as const, 'failed' as const, 'fail-fast' as const),
  attempts: fc.integer({ min: 0, max: 6 }),
}) as fc.Arbitrary<OpRecord>;
const run = fc.record({ attempts: fc.array(attempt, { maxLength: 60 }), ops: fc.array(op, { maxLength: 60 }) }).map(
  (r): RunRecords => ({ strategy: 's', clients: 10, durationMs: 5000, ...r }),
);

describe('RunColumns', () => {
  it('round-trips records through columns unchanged', () => {
    fc.assert(
      fc.property(run, (r) => {
        expect(toRecords(toColumns(r))).toEqual(r);
      }),
    );
  });

  it('gives the same metrics from columns as from records', () => {
    fc.assert(
      fc.property(run, (r) => {
        expect(computeMetrics(toColumns(r))).toEqual(computeMetrics(r));
      }),
    );
  });

  it('merges shards into the run one process would have recorded', () => {
    fc.assert(
      fc.property(run, fc.integer({ min: 0, max: 60 }), (r, cut) => {
        const a = { ...r, attempts: r.attempts.slice(0, cut), ops: r.ops.slice(0, cut) };
        const b = { ...r, attempts: r.attempts.slice(cut), ops: r.ops.slice(cut) };
        const merged = concatColumns([toColumns(a), toColumns(b)]);
        expect(toRecords(merged)).toEqual(r);
        expect(computeMetrics(merged)).toEqual(computeMetrics(r));
      }),
    );
  });
});
