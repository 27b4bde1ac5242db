#!/usr/bin/env node
// Policy decisions per second: @rolecall/iam-policy's evaluate() on a
// 10-statement identity policy with conditions (string, IP, bool, date,
// numeric, ForAllValues, a variable in a resource, an explicit Deny), against a
// trivial single-statement Allow in the same process and run.
//
//   npm run build && node bench/iam-decisions.bench.mjs [--calls 200000] [--rounds 7]
//
// Each round times `calls` decisions of each (order alternating per round),
// cycling over four requests (allowed, explicit deny, implicit deny, missing
// context). Prints median decisions/s over rounds and the median per-round ratio.
// Target: >= 200 000 decisions/s for the 10-statement policy.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { evaluate, parsePolicy } from '@rolecall/iam-policy';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '200000' }, rounds: { type: 'string', default: '7' } } });
const calls = Number(values.calls);
const rounds = Number(values.rounds);

const B = 'arn:aws:s3:::rolecall-demo';
const ten = parsePolicy(
  {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [B, `${B}/*`], Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
      { Sid: 'Office', Effect: 'Allow', Action: 's3:Put*', Resource: `${B}/uploads/*`, Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '203.0.113.0/24'] } } },
      { Sid: 'Home', Effect: 'Allow', Action: 's3:*', Resource: `${B}/home/\${aws:username}/*` },
      { Sid: 'Team', Effect: 'Allow', Action: 'ec2:StartInstances', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } },
      { Sid: 'Window', Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*', Condition: { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } } },
      { Sid: 'Tags', Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } } },
      { Sid: 'Keys', Effect: 'Allow', Action: 's3:ListBucket', Resource: B, Condition: { NumericLessThanEquals: { 's3:max-keys': '100' } } },
      { Sid: 'Logs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: 'arn:aws:logs:*:123456789012:log-group:/app/*' },
      { Sid: 'Region', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } } },
      { Sid: 'Protected', Effect: 'Deny', Action: 's3:DeleteObject', Resource: `${B}/protected/*` },
    ],
  },
  { kind: 'identity', id: 'ten' },
);
const one = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }, { kind: 'identity', id: 'one' });

const principal = { arn: 'arn:aws:iam::123456789012:user/alice' };
const context = { 'aws:SecureTransport': 'true', 'aws:SourceIp': '10.1.2.3', 'aws:username': 'alice', 'aws:RequestedRegion': 'us-east-1', 'aws:CurrentTime': '2026-12-05T08:00:00Z' };
const requests = [
  { principal, action: 's3:GetObject', resource: `${B}/a.txt`, context },
  { principal, action: 's3:DeleteObject', resource: `${B}/protected/a`, context },
  { principal, action: 'ec2:RunInstances', resource: '*', context },
  { principal, action: 'ec2:StartInstances', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-1', context },
];
const expected = ['allowed', 'explicitDeny', 'implicitDeny', 'implicitDeny'];
requests.forEach((r, i) => {
  const d = evaluate(r, { identity: [ten] }).decision;
  if (d !== expected[i]) throw new Error(`request ${i} decided ${d}, expected ${expected[i]}`);
});

let sink = 0;
const scenarios = {
  'trivial 1-statement': () => {
    for (let i = 0; i < calls; i++) sink += evaluate(requests[i & 3], { identity: [one] }).matched.length;
  },
  '10 statements + conditions': () => {
    for (let i = 0; i < calls; i++) sink += evaluate(requests[i & 3], { identity: [ten] }).matched.length;
  },
};
const time = (run) => {
  const start = process.hrtime.bigint();
  run();
  return calls / (Number(process.hrtime.bigint() - start) / 1e9);
};
for (const run of Object.values(scenarios)) time(run);

const names = Object.keys(scenarios);
const results = Object.fromEntries(names.map((n) => [n, []]));
for (let round = 0; round < rounds; round++) {
  for (const name of round % 2 === 0 ? names : [...names].reverse()) results[name].push(time(scenarios[name]));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [base, ten10] = names;
console.log(`median of ${rounds} rounds x ${calls} decisions, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (const name of names) console.log(`${name.padEnd(28)} ${Math.round(median(results[name])).toLocaleString('en').padStart(12)} decisions/s`);
console.log(`ratio 10-statement / trivial (median of per-round ratios): ${(median(results[ten10].map((r, i) => r / results[base][i])) * 100).toFixed(0)}%`);
console.log(`target >= 200,000 decisions/s for the 10-statement policy: ${median(results[ten10]) >= 200_000 ? 'met' : 'NOT met'}${sink < 0 ? '' : ''}`);
