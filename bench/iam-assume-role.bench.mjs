#!/usr/bin/env node
// AssumeRole throughput in the mock with IAM policy enforcement
// against the same mock with `enforcePolicies: false` (the trust policy
// alone decides, as before policies existed), in the same process and run.
//
//   npm run build && node bench/iam-assume-role.bench.mjs [--calls 20000] [--rounds 7]
//
// In-process `mock.handle()` calls (no HTTP), alice assuming rolecall-deploy
// with the default config; signatures are not checked in either mock
// (`verifySignatures: false`) so that the policy work is what differs and the
// ratio is not flattered by SigV4's cost. Each round times `calls` sequential
// awaited calls of each (order alternating); prints median calls/s and the
// median of per-round ratios. Target: enforced >= 0.8 x without.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createMockAws } from '@rolecall/mock-aws';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '7' } } });
const calls = Number(values.calls);
const rounds = Number(values.rounds);

const base = { verifySignatures: false, faults: { throttle: { imds: null, sts: null, container: null } } };
const mocks = {
  'trust only (enforcePolicies: false)': createMockAws({ ...base, enforcePolicies: false }, { clockMode: 'real' }),
  'enforced (identity + trust)': createMockAws(base, { clockMode: 'real' }),
};
const alice = mocks['enforced (identity + trust)'].config.users[0];
const account = mocks['enforced (identity + trust)'].config.account;
const body = new TextEncoder().encode(`Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(`arn:aws:iam::${account}:role/rolecall-deploy`)}&RoleSessionName=bench`);
const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const headers = {
  host: '127.0.0.1:1338',
  'content-type': 'application/x-www-form-urlencoded',
  'x-amz-date': amzDate,
  authorization: `AWS4-HMAC-SHA256 Credential=${alice.accessKeyId}/${amzDate.slice(0, 8)}/us-east-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=${'0'.repeat(64)}`,
};
const request = () => ({ method: 'POST', path: '/', headers, body, client: '127.0.0.1', host: '127.0.0.1:1338' });

for (const [name, mock] of Object.entries(mocks)) {
  const answer = await mock.handle(request());
  if (answer.status !== 200) throw new Error(`${name}: AssumeRole answered ${answer.status}: ${answer.body}`);
}

async function time(mock) {
  mock.reset(); // the key store and journal start each round empty
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await mock.handle(request());
  return calls / (Number(process.hrtime.bigint() - start) / 1e9);
}
for (const mock of Object.values(mocks)) await time(mock);

const names = Object.keys(mocks);
const results = Object.fromEntries(names.map((n) => [n, []]));
for (let round = 0; round < rounds; round++) {
  for (const name of round % 2 === 0 ? names : [...names].reverse()) results[name].push(await time(mocks[name]));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [without, enforced] = names;
const ratio = median(results[enforced].map((r, i) => r / results[without][i]));
console.log(`median of ${rounds} rounds x ${calls} AssumeRole calls, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (const name of names) console.log(`${name.padEnd(36)} ${Math.round(median(results[name])).toLocaleString('en').padStart(8)} calls/s`);
console.log(`enforced / trust only (median of per-round ratios): ${ratio.toFixed(2)} (target >= 0.80: ${ratio >= 0.8 ? 'met' : 'NOT met'})`);
