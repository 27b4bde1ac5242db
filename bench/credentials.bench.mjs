#!/usr/bin/env node
// Time to first credentials, and time to a clear failure, for rolecall's
// defaultCredentials against the official fromNodeProviderChain
// (@aws-sdk/credential-providers), each in a FRESH node process: the figure is
// module import + first resolution, measured inside the child from just
// before the dynamic import. Runs alternate (ours, official, ours ...).
//
//   npm run build && node bench/credentials.bench.mjs [--runs 15]
//
// Each child is a small .mjs FILE (written under bench/.cache/, removed at the
// end), as a real program is: a `node -e` child would charge Node's own
// file-loader start-up (~3-4 ms here) to whichever package it imports first
// (this bench used -e until 2026-11-28). The child reads the clock before it
// touches process.stdout, whose first use builds the stream.
//
// Contenders: `@rolecall/core/credentials` (the chain on its own, as
// @aws-sdk/credential-providers is the SDK's chain on its own; the targets
// are judged on it), the package root `@rolecall/core`, and the official chain.
// The floor is an empty package imported the same way: what any import costs.
//
// Scenarios (the child's env is built here; this process's env is untouched):
//   env      AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
//   profile  a static-key profile in $HOME/.aws/credentials (AWS_PROFILE)
//   imds     the mock's IMDS on loopback (AWS_EC2_METADATA_SERVICE_ENDPOINT)
//   hang     an endpoint that accepts the TCP connection and never answers
// Targets: env and profile <= 0.2 x official; hang <= 0.5 x official,
// with the cause named.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createMockAws, startMockServer } from '@rolecall/mock-aws';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);
const root = fileURLToPath(new URL('..', import.meta.url));

const child = (importLine, resolveLine) => `
const t0 = performance.now();
${importLine}
let out;
try {
  const c = await ${resolveLine};
  out = { ok: true, ms: performance.now() - t0, key: c.accessKeyId.slice(-4) };
} catch (e) {
  out = { ok: false, ms: performance.now() - t0, error: String(e && e.message).split('\\n').slice(0, 3).join(' | ').slice(0, 300) };
}
process.stdout.write(JSON.stringify(out));
process.exit(0);
`;
const SCRIPTS = {
  sub: child("const { defaultCredentials } = await import('@rolecall/core/credentials');", 'defaultCredentials()()'),
  root: child("const { defaultCredentials } = await import('@rolecall/core');", 'defaultCredentials()()'),
  official: child("const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');", 'fromNodeProviderChain()()'),
  floor: child("await import('rolecall-bench-empty');", "Promise.resolve({ accessKeyId: 'none' })"),
};

// Children live inside the repository so that they resolve its node_modules;
// the floor's empty package sits in a node_modules of their own directory.
await mkdir(join(root, 'bench', '.cache'), { recursive: true });
const childDir = await mkdtemp(join(root, 'bench', '.cache', 'credentials-'));
const emptyPackage = join(childDir, 'node_modules', 'rolecall-bench-empty');
await mkdir(emptyPackage, { recursive: true });
await writeFile(join(emptyPackage, 'package.json'), JSON.stringify({ name: 'rolecall-bench-empty', type: 'module', exports: { '.': './index.js' } }));
await writeFile(join(emptyPackage, 'index.js'), 'export const x = 1;\n');
for (const [name, script] of Object.entries(SCRIPTS)) await writeFile(join(childDir, `${name}.mjs`), script);

function runChild(name, env) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [join(childDir, `${name}.mjs`)], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('close', () => {
      try {
        resolve(JSON.parse(out));
      } catch {
        reject(new Error(`child printed no result: ${err.trim().slice(0, 500)}`));
      }
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const mock = createMockAws({ faults: { throttle: { imds: null, sts: null, container: null } } }, { clockMode: 'real' });
const server = await startMockServer(mock, { port: 0 });
const silent = createServer((socket) => socket.on('error', () => {}));
await new Promise((r) => silent.listen(0, '127.0.0.1', r));
const silentUrl = `http://127.0.0.1:${silent.address().port}`;
const home = await mkdtemp(join(tmpdir(), 'rolecall-bench-creds-'));
const emptyHome = await mkdtemp(join(tmpdir(), 'rolecall-bench-empty-'));
await mkdir(join(home, '.aws'));
await writeFile(join(home, '.aws', 'credentials'), '[bench]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');

const base = { PATH: process.env.PATH, AWS_REGION: 'us-east-1' };
const scenarios = [
  { name: 'env', target: 0.2, env: { ...base, HOME: emptyHome, AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'benchSecretNotReal' } },
  { name: 'profile', target: 0.2, env: { ...base, HOME: home, AWS_EC2_METADATA_DISABLED: 'true', AWS_PROFILE: 'bench' } },
  { name: 'imds', target: undefined, env: { ...base, HOME: emptyHome, AWS_EC2_METADATA_SERVICE_ENDPOINT: server.url } },
  { name: 'hang', target: 0.5, runs: Math.min(runs, 5), env: { ...base, HOME: emptyHome, AWS_EC2_METADATA_SERVICE_ENDPOINT: silentUrl } },
];

try {
  console.log(`credentials: ${runs} fresh processes per side (hang: fewer), medians of import + first resolution, ms`);
  console.log('scenario  rolecall/credentials  official  ratio  target  outcome   root entry (ratio)   floor');
  for (const s of scenarios) {
    const times = { sub: [], root: [], official: [], floor: [] };
    const last = {};
    for (let i = 0; i < (s.runs ?? runs); i++) {
      for (const name of ['sub', 'official', 'root', ...(s.name === 'hang' ? [] : ['floor'])]) {
        last[name] = await runChild(name, s.env);
        times[name].push(last[name].ms);
      }
    }
    const theirs = median(times.official);
    const ratio = median(times.sub) / theirs;
    const verdict = s.target === undefined ? '' : ratio <= s.target ? 'met' : 'MISSED';
    console.log(
      `${s.name.padEnd(9)} ${median(times.sub).toFixed(1).padStart(20)}  ${theirs.toFixed(1).padStart(8)}  ${ratio.toFixed(2).padStart(5)}  ${(s.target === undefined ? '-' : `<=${s.target}`).padStart(6)}  ${verdict.padEnd(8)}` +
        `  ${median(times.root).toFixed(1).padStart(8)} (${(median(times.root) / theirs).toFixed(2)})` +
        (times.floor.length === 0 ? '' : `  ${median(times.floor).toFixed(1).padStart(8)}`),
    );
    if (s.name === 'hang' || !last.sub.ok) {
      console.log(`  rolecall: ${last.sub.ok ? 'ok' : last.sub.error}`);
      console.log(`  official: ${last.official.ok ? 'ok' : last.official.error}`);
    }
  }
  const journal = mock.journal().filter((e) => e.action === 'credentials');
  console.log(`(mock IMDS credential fetches during the run: ${journal.length})`);
} finally {
  await server.close();
  silent.close();
  await rm(home, { recursive: true, force: true });
  await rm(emptyHome, { recursive: true, force: true });
  await rm(childDir, { recursive: true, force: true });
}
