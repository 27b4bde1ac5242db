#!/usr/bin/env node
// The simulation's scheduler against the core's virtual clock, same workload:
// N clients each sleeping k times for random delays (what retrying clients do).
// Prints medians of 5 runs and the ratio; the harness's heap scheduler is what
// lets a run reach 100 000 clients (docs/decisions/0070).
import { createVirtualClock, seededRandom, sleep } from '@rolecall/core';
import { createSimClock, runSimulation, builtinScenario, resolveSimStrategy } from '@rolecall/load-harness';

const CLIENTS = 2_000;
const SLEEPS = 5;

async function workload(clock, run) {
  const random = seededRandom(1);
  let done = 0;
  const client = async () => {
    for (let i = 0; i < SLEEPS; i++) await sleep(clock, 1 + random() * 1000);
    done++;
  };
  const all = Array.from({ length: CLIENTS }, client);
  await run();
  await Promise.all(all);
  if (done !== CLIENTS) throw new Error(`only ${done} of ${CLIENTS} finished`);
}

async function median(fn, runs = 5) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

const sim = await median(async () => {
  const clock = createSimClock();
  await workload(clock, () => clock.run());
});
const virtual = await median(async () => {
  const clock = createVirtualClock();
  await workload(clock, () => clock.runAll(CLIENTS * SLEEPS + 10));
});
console.log(`${CLIENTS} clients × ${SLEEPS} sleeps: harness SimClock median ${sim.toFixed(0)} ms, core createVirtualClock median ${virtual.toFixed(0)} ms, ratio ${(virtual / sim).toFixed(1)}× faster`);

const big = await median(async () => {
  const scenario = builtinScenario('e1', { clients: 100_000, durationS: 1, capacityRps: 20_000, load: 1.5, strategies: ['rolecall'] });
  await runSimulation({ scenario, strategy: resolveSimStrategy('rolecall', { clients: 100_000 }), seed: 1 });
}, 3);
console.log(`100 000 clients, 1 s at 1.5 × 20 000 rps (≈ 30 000 operations), rolecall: median ${big.toFixed(0)} ms`);
