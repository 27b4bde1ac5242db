#!/usr/bin/env node
// Cold `rolecall whoami --json` against a script doing the same with the official
// @aws-sdk/client-sts (GetCallerIdentity, default credential chain), each a fresh
// `node` process, against the mock's loopback server started in this process.
//
//   npm run build && node bench/whoami-cold.bench.mjs [--runs 10]
//
// Both children get the same minimal environment: the mock user's keys, AWS_REGION,
// AWS_ENDPOINT_URL_STS pointing at the mock, IMDS disabled, HOME in an empty
// directory (no ~/.aws). Runs alternate (ours, sdk, ours, ...) so drift hits both.
// Prints the median wall time of each, ours / sdk (target: <= 0.5), and the same
// ratio above the floor of a bare `node -e` process, which both pay.
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

function timeChild(args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`${args.join(' ')} exited ${code}: ${err.trim()}`));
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
  rolecall: ['apps/cli/bin/rolecall.js', 'whoami', '--json'],
  'client-sts': ['--input-type=module', '--no-warnings', '-e', SDK_SCRIPT],
  // The floor both pay: a node process that does nothing but print the same answer.
  node: ['-e', `process.stdout.write(${JSON.stringify(JSON.stringify({ Arn: 'floor' }))})`],
};
const times = { rolecall: [], 'client-sts': [], node: [] };
try {
  // One untimed run each warms the OS file cache, as a developer's second run would be.
  const warm = {};
  for (const [name, args] of Object.entries(contenders)) warm[name] = (await timeChild(args)).identity;
  delete warm.node;
  if (warm.rolecall.Arn !== warm['client-sts'].Arn) throw new Error(`different answers: ${JSON.stringify(warm)}`);
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ['rolecall', 'client-sts', 'node'] : ['node', 'client-sts', 'rolecall'];
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
console.log(`  @aws-sdk/client-sts script     median ${theirs.toFixed(1)} ms  (min ${Math.min(...times['client-sts']).toFixed(1)})`);
console.log(`  bare node (the floor)          median ${floor.toFixed(1)} ms`);
console.log(`  ratio rolecall / client-sts    ${(ours / theirs).toFixed(2)}  (target <= 0.50)`);
console.log(`  ratio above the floor          ${((ours - floor) / (theirs - floor)).toFixed(2)}  ((rolecall - node) / (client-sts - node))`);
