#!/usr/bin/env node
// Cold `rolecall whoami --json` against a script doing the same with the official
// @aws-sdk/client-sts (GetCallerIdentity, default credential chain), each a fresh
// `node` process, against the mock's loopback server started in this process.
//
//   npm run build && node bench/whoami-cold.bench.mjs [--runs 10]
//
// Every child gets the same minimal environment: the mock user's keys, AWS_REGION,
// AWS_ENDPOINT_URL_STS pointing at the mock, IMDS disabled, HOME in an empty
// directory (no ~/.aws). Runs alternate (ours, sdk, ...) so drift hits all.
// Prints the median wall time of each, ours / sdk (target: <= 0.5), and the same
// ratio above the floor of a bare `node -e` process, which all pay.
//
// The rolecall binary turns on Node's compile cache under $HOME/.cache/rolecall
// (decision 0122): the untimed warm-up run writes it, as any first run does, and
// the timed runs read it. A second row times the binary's first run: each run
// with its own empty cache directory (XDG_CACHE_HOME), which it then writes.
//
// Two more rows say where the time goes, each a fresh process doing the same call:
//   stack floor   aws4 signs, node:http sends, fast-xml-parser reads, nothing else
//                 (no credential chain, region, retry or CLI): the least any client
//                 built on these three libraries can take
//   core default  @rolecall/core's createClient() with default options (node:http
//                 with a keep-alive agent, decision 0123); bench/client.bench.mjs
//                 measures this one on its own
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createMockAws, startMockServer } from '@rolecall/mock-aws';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
const runs = Number(values.runs);
const root = fileURLToPath(new URL('..', import.meta.url));

const SDK_SCRIPT = `
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
const client = new STSClient({});
const out = await client.send(new GetCallerIdentityCommand({}));
process.stdout.write(JSON.stringify({ Account: out.Account, Arn: out.Arn, UserId: out.UserId }) + '\\n');
`;

const STACK_FLOOR_SCRIPT = `
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const aws4 = require('aws4');
const http = require('node:http');
const endpoint = new URL(process.env.AWS_ENDPOINT_URL_STS);
const body = 'Action=GetCallerIdentity&Version=2011-06-15';
const signed = aws4.sign(
  { host: endpoint.host, method: 'POST', path: '/', service: 'sts', region: process.env.AWS_REGION, body, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } },
  { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY },
);
const text = await new Promise((resolve, reject) => {
  const req = http.request(endpoint, { method: 'POST', headers: signed.headers, agent: false }, (res) => {
    let t = '';
    res.setEncoding('utf8');
    res.on('data', (d) => (t += d));
    res.on('end', () => resolve(t));
  });
  req.on('error', reject);
  req.end(body);
});
const { XMLParser } = require('fast-xml-parser');
const r = new XMLParser({ removeNSPrefix: true, parseTagValue: false }).parse(text).GetCallerIdentityResponse.GetCallerIdentityResult;
process.stdout.write(JSON.stringify({ Account: r.Account, Arn: r.Arn, UserId: r.UserId }) + '\\n');
`;

const CORE_UNDICI_SCRIPT = `
import { createClient, getCallerIdentity } from '@rolecall/core';
const client = createClient();
const out = await getCallerIdentity(client);
await client.close();
process.stdout.write(JSON.stringify({ Account: out.Account, Arn: out.Arn, UserId: out.UserId }) + '\\n');
`;

const mock = createMockAws({ faults: { throttle: { imds: null, sts: null, container: null } } }, { clockMode: 'real' });
const server = await startMockServer(mock, { port: 0 });
const home = await mkdtemp(join(tmpdir(), 'rolecall-bench-home-'));
const user = mock.config.users[0];
const env = {
  PATH: process.env.PATH,
  HOME: home,
  AWS_ACCESS_KEY_ID: user.accessKeyId,
  AWS_SECRET_ACCESS_KEY: user.secretAccessKey,
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL_STS: server.url,
  AWS_EC2_METADATA_DISABLED: 'true',
};

async function timeChild({ args, extraEnv = {}, emptyCache = false }) {
  const cacheHome = emptyCache ? await mkdtemp(join(tmpdir(), 'rolecall-bench-cache-')) : undefined;
  try {
    return await timeProcess(args, cacheHome === undefined ? extraEnv : { ...extraEnv, XDG_CACHE_HOME: cacheHome });
  } finally {
    if (cacheHome !== undefined) await rm(cacheHome, { recursive: true, force: true });
  }
}

function timeProcess(args, extraEnv) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`${args.join(' ').slice(0, 200)} exited ${code}: ${err.trim()}`));
      else resolve({ ms, identity: JSON.parse(out) });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const contenders = {
  rolecall: { args: ['apps/cli/bin/rolecall.js', 'whoami', '--json'] },
  // The binary's first run on a machine: an empty compile cache, written at exit (decision 0122).
  'rolecall, no cache': { args: ['apps/cli/bin/rolecall.js', 'whoami', '--json'], emptyCache: true },
  'client-sts': { args: ['--input-type=module', '--no-warnings', '-e', SDK_SCRIPT] },
  'stack floor': { args: ['--input-type=module', '-e', STACK_FLOOR_SCRIPT] },
  'core/undici': { args: ['--input-type=module', '-e', CORE_UNDICI_SCRIPT] },
  // The floor all pay: a node process that does nothing but print the same answer.
  node: { args: ['-e', `process.stdout.write(${JSON.stringify(JSON.stringify({ Arn: 'floor' }))})`] },
};
const times = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
try {
  // One untimed run each warms the OS file cache, as a developer's second run would be.
  const warm = {};
  for (const [name, args] of Object.entries(contenders)) warm[name] = (await timeChild(args)).identity;
  delete warm.node;
  for (const [name, identity] of Object.entries(warm)) {
    if (identity.Arn !== warm['client-sts'].Arn) throw new Error(`${name} gave a different answer: ${JSON.stringify(warm)}`);
  }
  const names = Object.keys(contenders);
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? names : [...names].reverse();
    for (const name of order) times[name].push((await timeChild(contenders[name])).ms);
  }
} finally {
  await server.close();
  await rm(home, { recursive: true, force: true });
}

const ours = median(times.rolecall);
const theirs = median(times['client-sts']);
const floor = median(times.node);
console.log(`cold whoami, ${runs} runs each, node ${process.version}, mock at ${server.url}`);
console.log(`  rolecall whoami --json         median ${ours.toFixed(1)} ms  (min ${Math.min(...times.rolecall).toFixed(1)})`);
const uncached = median(times['rolecall, no cache']);
console.log(`    first run, empty cache       median ${uncached.toFixed(1)} ms  ratio ${(uncached / theirs).toFixed(2)}  (target <= 0.60)`);
console.log(`  @aws-sdk/client-sts script     median ${theirs.toFixed(1)} ms  (min ${Math.min(...times['client-sts']).toFixed(1)})`);
console.log(`  bare node (the floor)          median ${floor.toFixed(1)} ms`);
const stack = median(times['stack floor']);
console.log(`  stack floor (aws4+http+fxp)    median ${stack.toFixed(1)} ms  ratio to client-sts ${(stack / theirs).toFixed(2)}: the least the prescribed stack takes`);
console.log(`  core, default options (script) median ${median(times['core/undici']).toFixed(1)} ms  ratio ${(median(times['core/undici']) / theirs).toFixed(2)}`);
console.log(`  ratio rolecall / client-sts    ${(ours / theirs).toFixed(2)}  (target <= 0.50)`);
console.log(`  ratio above the floor          ${((ours - floor) / (theirs - floor)).toFixed(2)}  ((rolecall - node) / (client-sts - node))`);
