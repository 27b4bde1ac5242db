// A custom load scenario through the harness's API: 20 clients against one
// throttled API at twice its capacity for 5 simulated seconds, three retry
// strategies side by side on the same arrivals (deterministic per seed).
// Prints a line per strategy; exit 1 if the `rolecall` default is unfair
// (Jain's index below 0.9) or starves a client. The same object exported as
// `scenario` from a module runs with `rolecall load ./my-scenario.mjs --sim`.
import { runLoad, validateScenario } from '@rolecall/load-harness';

const scenario = validateScenario({
  name: 'twice-capacity',
  clients: 20,
  durationS: 5,
  capacityRps: 50,
  burst: 10,
  phases: [{ atS: 0, loadFactor: 2 }],
  strategies: ['no-jitter', 'full-jitter', 'rolecall'],
});

const { report } = await runLoad({ scenario, mode: 'sim', seed: 7 });
for (const s of report.strategies) {
  console.log(`${s.name.padEnd(12)} jain ${s.jain.toFixed(3)}  starved ${s.starvedClients}  retry amplification ${s.retryAmplification.toFixed(2)}`);
}
const rolecall = report.strategies.find((s) => s.name === 'rolecall');
if (rolecall === undefined || rolecall.jain < 0.9 || rolecall.starvedClients > 0) process.exitCode = 1;
