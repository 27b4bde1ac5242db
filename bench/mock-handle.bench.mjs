#!/usr/bin/env node
// What one mock.handle() call costs in-process, without any HTTP: the IMDSv2
// credentials GET (token fetched once) against an awaited empty async function
// taking the same request object, in the same process and run.
//
//   npm run build && node bench/mock-handle.bench.mjs [--calls 200000] [--rounds 7]
//
// The mock runs as the loopback server runs it: clockMode 'real', throttles off,
// default journal (every call is journaled; the journal keeps its newest 100 000).
// Each round times `calls` sequential awaited calls of each (order alternating
// per round); prints the median ns per call over rounds and the median of the
// per-round differences and ratios.
import { parseArgs } from 'node:util';
import { createMockAws } from '@rolecall/mock-aws';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '7' },
  },
});
const calls = Number(values.calls);
const rounds = Number(values.rounds);

const mock = createMockAws({ faults: { throttle: { imds: null, sts: null, container: null } } }, { clockMode: 'real' });
const path = `/latest/meta-data/iam/security-credentials/${mock.config.instance.role}`;
const request = (method, p, headers) => ({ method, path: p, headers, body: new Uint8Array(0), client: '127.0.0.1', host: '127.0.0.1:1338' });
const token = String((await mock.handle(request('PUT', '/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' }))).body);
const headers = { host: '127.0.0.1:1338', connection: 'keep-alive', 'x-aws-ec2-metadata-token': token };

const first = await mock.handle(request('GET', path, headers));
if (first.status !== 200 || !String(first.body).includes('"Code" : "Success"')) throw new Error(`credentials GET answered ${first.status}`);

const empty = async (_request) => undefined;
const scenarios = {
  empty: () => empty(request('GET', path, headers)),
  handle: () => mock.handle(request('GET', path, headers)),
};

async function time(run) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await run();
  return Number(process.hrtime.bigint() - start) / calls;
}

// Warm up both paths (JIT, journal at its steady size).
for (const run of Object.values(scenarios)) await time(run);

const names = Object.keys(scenarios);
const results = Object.fromEntries(names.map((n) => [n, []]));
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? names : [...names].reverse();
  for (const name of order) results[name].push(await time(scenarios[name]));
  console.log(`round ${round + 1}  empty ${results.empty[round].toFixed(0)} ns  handle ${results.handle[round].toFixed(0)} ns`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const perRound = (f) => median(results.handle.map((h, i) => f(h, results.empty[i])));
console.log(`\nmedian of ${rounds} rounds x ${calls} calls, node ${process.version}, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`empty async fn   ${median(results.empty).toFixed(0).padStart(6)} ns/call`);
console.log(`mock.handle IMDS ${median(results.handle).toFixed(0).padStart(6)} ns/call  (+${perRound((h, e) => h - e).toFixed(0)} ns, ${perRound((h, e) => h / e).toFixed(1)}x the empty function)`);
console.log(`journal entries kept: ${mock.journal().length}`);
