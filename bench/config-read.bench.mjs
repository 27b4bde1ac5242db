#!/usr/bin/env node
// What the bounded config read costs (docs/decisions/0097): the core's
// `nodeReadFileFs.readFile` (open O_NONBLOCK, fstat, refuse a non-regular or
// too large file, read at most the limit) against the plain
// `readFileSync(path, 'utf8')` it replaced, on a small static-key credentials
// file, side by side in the same run.
//
//   npm run build && node bench/config-read.bench.mjs [--runs 15] [--reads 20000]
//
// cold: fresh node processes, each importing dist/credentials.js (untimed,
//       both sides) and timing its FIRST read, as the default chain's profile
//       step meets it; sides alternate, median per side.
// warm: in this process, rounds of `reads` calls per side, alternating;
//       median ns per read.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, reads: { type: 'string', default: '20000' } } });
const runs = Number(values.runs);
const reads = Number(values.reads);
const dist = pathToFileURL(fileURLToPath(new URL('../packages/core/dist/credentials.js', import.meta.url))).href;

const dir = await mkdtemp(join(tmpdir(), 'rolecall-config-read-'));
const file = join(dir, 'credentials');
await writeFile(file, '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');

const READS = {
  bounded: `const { nodeReadFileFs } = await import(${JSON.stringify(dist)}); const read = () => nodeReadFileFs.readFile(${JSON.stringify(file)});`,
  readFileSync: `await import(${JSON.stringify(dist)}); const fs = process.getBuiltinModule('node:fs'); const read = async () => fs.readFileSync(${JSON.stringify(file)}, 'utf8');`,
};
const childScript = (side) => `${READS[side]}
const t0 = performance.now();
const text = await read();
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms, length: text.length }));
`;

function cold(side) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--input-type=module', '-e', childScript(side)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('close', () => resolve(JSON.parse(out).ms));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const coldMs = { bounded: [], readFileSync: [] };
for (let i = 0; i < runs; i++) {
  for (const side of i % 2 === 0 ? ['bounded', 'readFileSync'] : ['readFileSync', 'bounded']) coldMs[side].push(await cold(side));
}

const { nodeReadFileFs } = await import(dist);
const warmSides = {
  bounded: () => nodeReadFileFs.readFile(file),
  readFileSync: async () => readFileSync(file, 'utf8'),
};
const warmNs = { bounded: [], readFileSync: [] };
for (let round = 0; round < runs; round++) {
  for (const side of round % 2 === 0 ? ['bounded', 'readFileSync'] : ['readFileSync', 'bounded']) {
    const read = warmSides[side];
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < reads; i++) await read();
    warmNs[side].push(Number(process.hrtime.bigint() - t0) / reads);
  }
}
await rm(dir, { recursive: true, force: true });

const row = (name, a, b, unit) => `${name.padEnd(6)}${a.toFixed(unit === 'ms' ? 3 : 0).padStart(12)} ${unit}${b.toFixed(unit === 'ms' ? 3 : 0).padStart(16)} ${unit}${(a / b).toFixed(2).padStart(8)}`;
console.log(`config read: ${runs} cold processes per side, ${runs} warm rounds of ${reads} reads; medians (node ${process.version})`);
console.log(`${''.padEnd(6)}${'bounded'.padStart(15)}${'readFileSync'.padStart(19)}${'ratio'.padStart(8)}`);
console.log(row('cold', median(coldMs.bounded), median(coldMs.readFileSync), 'ms'));
console.log(row('warm', median(warmNs.bounded), median(warmNs.readFileSync), 'ns'));
