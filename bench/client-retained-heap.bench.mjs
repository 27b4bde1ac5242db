#!/usr/bin/env node
// Heap retained by short-lived clients: N createClient()/close() cycles, each
// client with its own undici dispatcher and the default credential chain,
// then a full GC. The figure is the heap used after minus before, in MB, and
// the same for clients given explicit credentials (no default chain) as the
// baseline, side by side in the same process.
//
//   npm run build && node --expose-gc bench/client-retained-heap.bench.mjs [--cycles 20000]
//
// Prints one JSON line: { cycles, defaultChainMB, explicitCredentialsMB }.
// packages/core/test/client-retained-heap.test.ts runs it in a fresh process.
import { parseArgs } from 'node:util';
import { Agent } from 'undici';
import { createClient } from '@rolecall/core';

const { values } = parseArgs({ options: { cycles: { type: 'string', default: '20000' } } });
const cycles = Number(values.cycles);
if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc');
  process.exit(2);
}

const settle = async () => {
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    globalThis.gc();
  }
  return process.memoryUsage().heapUsed;
};

async function retainedMB(options, n = cycles) {
  const before = await settle();
  for (let i = 0; i < n; i++) {
    const dispatcher = new Agent();
    const client = createClient({ ...options(), dispatcher, env: { HOME: '/nonexistent', AWS_REGION: 'us-east-1' } });
    await client.close();
    await dispatcher.close();
  }
  return (((await settle()) - before) / 1024 / 1024);
}

// Warm up the modules both runs load, so neither is charged for them.
await retainedMB(() => ({}), 500);
const defaultChainMB = await retainedMB(() => ({}), 500);
const explicitCredentialsMB = await retainedMB(() => ({ credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'FAKE/SECRET/KEY' } }));
console.log(JSON.stringify({ cycles, defaultChainMB: Number(defaultChainMB.toFixed(2)), explicitCredentialsMB: Number(explicitCredentialsMB.toFixed(2)) }));
