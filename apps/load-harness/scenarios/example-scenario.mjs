// A user scenario for `rolecall load ./apps/load-harness/scenarios/example-scenario.mjs`.
// Any field of the harness's Scenario may be given; the rest take their defaults.
// (.mjs because Node 20 cannot import .ts; a .ts file works with a TypeScript loader.)
export const scenario = {
  name: 'example-ramp',
  description: 'A ramp from 0.5 to 2.5 × capacity and back, every strategy against the same arrivals',
  clients: 100,
  durationS: 30,
  capacityRps: 100,
  burst: 20,
  rejectCost: 0.05,
  phases: [
    { atS: 0, loadFactor: 0.5 },
    { atS: 10, loadFactor: 2.5 },
    { atS: 20, loadFactor: 0.5 },
  ],
  trigger: { fromS: 10, untilS: 20 },
  strategies: ['no-jitter', 'full-jitter', 'rolecall', 'undici-retry'],
};
