#!/usr/bin/env node
// Per-call overhead of the retry engine when the first attempt succeeds.
// Baseline: `await fn()`; then `await retry(fn, { strategy })` with one shared
// rolecall strategy (how the client uses it), and `await retry(fn)` with the
// default (a fresh strategy and quota per call). Same process, same run,
// interleaved rounds; prints the median ns/call of each and the delta.
// Target: delta < 2 µs. Needs the built package: `npm run build`
// (or `npx tsc -p packages/core/tsconfig.build.json`), then
// `node bench/retry-overhead.bench.mjs`.
import { createRolecallRetryStrategy, createStandardRetryStrategy, retry } from '@rolecall/core';

const CALLS = Number(process.env.BENCH_CALLS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);

let sink = 0;
const fn = async () => 1;
const shared = createRolecallRetryStrategy();
const standard = createStandardRetryStrategy();

const cases = {
  'await fn() (baseline)': async () => {
    for (let i = 0; i < CALLS; i++) sink += await fn();
  },
  'retry(fn, { strategy: shared rolecall })': async () => {
    for (let i = 0; i < CALLS; i++) sink += await retry(fn, { strategy: shared });
  },
  'retry(fn, { strategy: shared aws-standard })': async () => {
    for (let i = 0; i < CALLS; i++) sink += await retry(fn, { strategy: standard });
  },
  'retry(fn) (default: fresh strategy per call)': async () => {
    for (let i = 0; i < CALLS; i++) sink += await retry(fn);
  },
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

// Warm up every path so the JIT has seen them all before timing.
for (const run of Object.values(cases)) await run();

const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(cases)) {
    const t0 = process.hrtime.bigint();
    await run();
    samples[name].push(Number(process.hrtime.bigint() - t0) / CALLS);
  }
}

const base = median(samples['await fn() (baseline)']);
console.log(`retry overhead, first attempt succeeds — ${CALLS} calls × ${ROUNDS} rounds, median ns/call (node ${process.version})`);
for (const [name, xs] of Object.entries(samples)) {
  const m = median(xs);
  const delta = m - base;
  const verdict = name.includes('baseline') ? '' : `  delta ${delta.toFixed(0)} ns ${delta < 2000 ? '(< 2 µs target: ok)' : '(over the 2 µs target)'}  ratio ${(m / base).toFixed(2)}×`;
  console.log(`  ${name.padEnd(48)} ${m.toFixed(0).padStart(6)} ns${verdict}`);
}
if (sink === 0) console.log('unreachable');
