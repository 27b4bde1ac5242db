#!/usr/bin/env node
// The simulation at fleet size: `rolecall load e1 --sim` for one strategy at
// 100 000 clients (capacity 20 000 rps, 3 × overload), timed end to end through
// runLoad (simulation + metrics), each run in a fresh process so peak RSS is
// its own. Prints simulated attempts per wall second and per CPU second, peak
// RSS, timer events per second, and — with `--baseline DIR` (another build's apps/load-harness/dist) —
// the same workload on that build in alternating rounds, with the ratio.
//
//   node bench/harness-scale.bench.mjs [--clients 100000] [--capacity 20000] [--duration 2]
//     [--strategy rolecall] [--rounds 3] [--baseline /path/to/old/apps/load-harness/dist]
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '100000' },
    capacity: { type: 'string', default: '20000' },
    duration: { type: 'string', default: '2' },
    strategy: { type: 'string', default: 'rolecall' },
    rounds: { type: 'string', default: '3' },
    baseline: { type: 'string' },
    child: { type: 'string' },
  },
});

if (values.child !== undefined) {
  const { builtinScenario, runLoad } = await import(values.child);
  const scenario = builtinScenario('e1', { clients: Number(values.clients), durationS: Number(values.duration), capacityRps: Number(values.capacity), load: 3, strategies: [values.strategy] });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const run = await runLoad({ scenario, mode: 'sim', seed: 1 });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const m = run.report.strategies[0];
    // Timer events the clock ran: an arrival per operation, an answer per attempt, a wake-up per retry
  // (an upper bound: a retry whose jittered delay rounds to 0 ms is sent without one).
  const events = m.firstAttempts + m.attempts + (m.attempts - m.firstAttempts);
  console.log(JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, attempts: m.attempts, events, successes: m.successes, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const current = pathToFileURL(fileURLToPath(new URL('../apps/load-harness/dist/index.js', import.meta.url))).href;
const baseline = values.baseline === undefined ? undefined : pathToFileURL(`${values.baseline.replace(/\/$/, '')}/index.js`).href;
const measure = (entry) => {
  const args = [fileURLToPath(import.meta.url), '--child', entry, '--clients', values.clients, '--capacity', values.capacity, '--duration', values.duration, '--strategy', values.strategy];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`bench child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
};
const fmt = (r) => `${r.attempts} attempts, ${r.events} events (${Math.round(r.events / (r.wallMs / 1000))}/s wall, ${Math.round(r.events / (r.cpuMs / 1000))} per CPU-s) in ${(r.wallMs / 1000).toFixed(1)} s wall / ${(r.cpuMs / 1000).toFixed(1)} s CPU: ${Math.round(r.attempts / (r.wallMs / 1000))} attempts/s wall, ${Math.round(r.attempts / (r.cpuMs / 1000))} per CPU-s, peak RSS ${r.maxRssMb.toFixed(0)} MB`;
console.log(`node ${process.version}, ${values.clients} clients, ${values.capacity} rps, ${values.duration} s, ${values.strategy}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const ratios = [];
for (let round = 0; round < Number(values.rounds); round++) {
  // Alternate the order so neither build always runs on a warmer (or busier) machine.
  const order = baseline !== undefined && round % 2 === 1 ? ['baseline', 'current'] : ['current', 'baseline'];
  const got = {};
  for (const which of order) {
    if (which === 'baseline' && baseline === undefined) continue;
    got[which] = measure(which === 'current' ? current : baseline);
    console.log(`round ${round + 1} ${which.padEnd(8)} ${fmt(got[which])}; load average after ${loadavg()[0].toFixed(1)}`);
  }
  if (got.baseline !== undefined) ratios.push(got.baseline.cpuMs / got.baseline.attempts / (got.current.cpuMs / got.current.attempts));
}
if (ratios.length > 0) {
  ratios.sort((a, b) => a - b);
  console.log(`CPU per simulated attempt, baseline / current: median ${ratios[Math.floor(ratios.length / 2)].toFixed(2)}× (per round: ${ratios.map((r) => r.toFixed(2)).join(', ')}); load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
}
