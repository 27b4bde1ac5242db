#!/usr/bin/env node
// The library with default options against @aws-sdk/client-sts, both calling
// STS GetCallerIdentity on the mock's loopback server (started here), each in
// a fresh `node` process running a small .mjs file (under bench/.cache/,
// removed at the end), as a script or a Lambda handler would:
//
//   npm run build && node bench/client.bench.mjs [--runs 10] [--calls 4000] [--inflight 32]
//
// one-shot   import, `createClient()` + `getCallerIdentity()` (credentials from
//            env), close, exit: whole-process wall time measured here, peak
//            RSS (maxRSS) reported by the child at exit. Target: <= 0.6 x the
//            SDK's wall, RSS <= the SDK's.
// sustained  one client, `--calls` calls with `--inflight` at a time after a
//            warm-up of 200: the client process's CPU time (user + system)
//            per call. The mock runs in this process, so its CPU is not
//            counted. Target: <= 0.5 x the SDK's.
// Runs alternate (ours, sdk, sdk, ours ...) so drift hits both.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createMockAws, startMockServer } from '@rolecall/mock-aws';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, calls: { type: 'string', default: '4000' }, inflight: { type: 'string', default: '32' } } });
const runs = Number(values.runs);
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'bench', '.cache', `client-${process.pid}`);

const REPORT = `process.on('exit', () => process.stdout.write(JSON.stringify({ arn, rssKiB: process.resourceUsage().maxRSS, ...extra }) + '\\n'));`;
const ONE_SHOT = {
  core: `import { createClient, getCallerIdentity } from '@rolecall/core';
let arn, extra = {};
${REPORT}
const client = createClient();
arn = (await getCallerIdentity(client)).Arn;
await client.close();
`,
  sdk: `import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
let arn, extra = {};
${REPORT}
const client = new STSClient({});
arn = (await client.send(new GetCallerIdentityCommand({}))).Arn;
client.destroy();
`,
};
const sustained = (setup, call, close) => `${setup}
let arn, extra = {};
${REPORT}
const calls = ${Number(values.calls)}, inflight = ${Number(values.inflight)};
async function drive(n) {
  let next = 0;
  await Promise.all(Array.from({ length: inflight }, async () => { while (next++ < n) arn = (${call}).Arn; }));
}
await drive(200);
const before = process.cpuUsage();
await drive(calls);
const cpu = process.cpuUsage(before);
extra = { cpuUsPerCall: (cpu.user + cpu.system) / calls };
${close}
`;
const SUSTAINED = {
  core: sustained(`import { createClient, getCallerIdentity } from '@rolecall/core';\nconst client = createClient();`, 'await getCallerIdentity(client)', 'await client.close();'),
  // The same over undici's pool, for comparison (transport: 'undici').
  undici: sustained(`import { createClient, getCallerIdentity } from '@rolecall/core';\nconst client = createClient({ transport: 'undici' });`, 'await getCallerIdentity(client)', 'await client.close();'),
  sdk: sustained(
    `import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';\nconst client = new STSClient({});`,
    'await client.send(new GetCallerIdentityCommand({}))',
    'client.destroy();',
  ),
};

const mock = createMockAws({ faults: { throttle: { imds: null, sts: null, container: null } } }, { clockMode: 'real', journalLimit: 1000 });
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

function run(file) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [file], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`${file} exited ${code}: ${err.trim()}`));
      else resolve({ ms, ...JSON.parse(out) });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const results = { oneShot: { core: [], sdk: [] }, sustained: { core: [], undici: [], sdk: [] } };
try {
  await mkdir(dir, { recursive: true });
  const files = {};
  for (const [kind, scripts] of Object.entries({ oneShot: ONE_SHOT, sustained: SUSTAINED })) {
    for (const [who, text] of Object.entries(scripts)) {
      files[`${kind}.${who}`] = join(dir, `${kind}-${who}.mjs`);
      await writeFile(files[`${kind}.${who}`], text);
    }
  }
  // Warm the OS file cache; check both give the same answer.
  const a = await run(files['oneShot.core']);
  const b = await run(files['oneShot.sdk']);
  if (a.arn !== b.arn) throw new Error(`different answers: ${a.arn} vs ${b.arn}`);
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ['core', 'sdk'] : ['sdk', 'core'];
    for (const who of order) results.oneShot[who].push(await run(files[`oneShot.${who}`]));
  }
  const sustainedRuns = Math.max(3, Math.ceil(runs / 3));
  for (let i = 0; i < sustainedRuns; i++) {
    const order = i % 2 === 0 ? ['core', 'undici', 'sdk'] : ['sdk', 'undici', 'core'];
    for (const who of order) results.sustained[who].push(await run(files[`sustained.${who}`]));
  }
} finally {
  await server.close();
  await rm(home, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
}

const med = (list, key) => median(list.map((r) => r[key]));
const { oneShot, sustained: steady } = results;
console.log(`client with default options vs @aws-sdk/client-sts, node ${process.version}, mock at ${server.url}`);
console.log(`  one-shot wall, ${runs} runs     core ${med(oneShot.core, 'ms').toFixed(1)} ms  sdk ${med(oneShot.sdk, 'ms').toFixed(1)} ms  ratio ${(med(oneShot.core, 'ms') / med(oneShot.sdk, 'ms')).toFixed(2)}  (target <= 0.60)`);
console.log(`  one-shot peak RSS           core ${(med(oneShot.core, 'rssKiB') / 1024).toFixed(1)} MiB  sdk ${(med(oneShot.sdk, 'rssKiB') / 1024).toFixed(1)} MiB  (target: core <= sdk)`);
console.log(
  `  sustained CPU per call      core ${med(steady.core, 'cpuUsPerCall').toFixed(1)} µs  sdk ${med(steady.sdk, 'cpuUsPerCall').toFixed(1)} µs  ratio ${(med(steady.core, 'cpuUsPerCall') / med(steady.sdk, 'cpuUsPerCall')).toFixed(2)}  (${values.calls} calls, ${values.inflight} in flight, ${steady.core.length} runs; target <= 0.50)`,
);
console.log(`    the same, transport undici  core ${med(steady.undici, 'cpuUsPerCall').toFixed(1)} µs  ratio ${(med(steady.undici, 'cpuUsPerCall') / med(steady.sdk, 'cpuUsPerCall')).toFixed(2)}`);
