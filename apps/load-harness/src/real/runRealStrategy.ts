import { createMockAws, startMockServer, type FaultRule, type MockAwsCore, type MockConfig } from '@rolecall/mock-aws';
import type { RunRecords, Scenario } from '../types.js';
import type { StrategySpec } from '../runLoad.js';
import type { HarnessHealth } from './measureHarness.js';
import { HarnessOptionError } from '../errors.js';
import { toRecords } from '../records/RunColumns.js';
import { measureHarness } from './measureHarness.js';
import { startBackgroundLoad } from './backgroundLoad.js';
import { checkRealStrategy, runClientShard } from './runClientShard.js';

/** @public */
export interface RealModeOptions {
  /** Have the mock verify every SigV4 signature (default false: clients still sign; verifying doubles the harness's CPU per call). */
  readonly verifySignatures?: boolean;
  /** Connections in the clients' shared undici Agent (default 2 per client, at most 2048): too few and requests queue in the harness, not at the server. */
  readonly connections?: number;
  /** After arrivals stop, how long in-flight operations may finish, s (default 10). */
  readonly drainS?: number;
  /** autocannon background load competing for the same capacity. */
  readonly background?: { readonly rps: number; readonly connections?: number };
}

/**
 * The mock's configuration for a scenario: the STS token bucket, outages,
 * broken clients and hints as a fault plan. Numeric `from`/`until` count from
 * the mock's creation, which is within milliseconds of the run's start.
 * @internal
 */
export function mockConfigFor(scenario: Scenario, verifySignatures: boolean): MockConfig {
  const rules: FaultRule[] = [];
  for (const o of scenario.outages ?? []) rules.push({ service: 'sts', status: o.status, from: o.fromS * 1000, until: o.untilS * 1000 });
  for (let c = 0; c < (scenario.brokenClients ?? 0); c++) rules.push({ service: 'sts', client: `c${c}`, status: 503 });
  if (scenario.retryAfterS !== undefined) rules.push({ service: 'sts', headers: { 'Retry-After': String(scenario.retryAfterS) } });
  return {
    verifySignatures,
    faults: {
      rules,
      throttle: { sts: { rps: scenario.capacityRps, burst: scenario.burst, per: 'service', rejectCost: scenario.rejectCost } },
    },
  };
}

/**
 * Creates the single-process real-mode runner: per strategy, a fresh embedded
 * mock on a loopback port with the scenario's capacity and every client on
 * this event loop (see runClientShard), optional autocannon background load,
 * and the harness measuring itself. `createShardedRunner` spreads the same
 * clients over worker threads with the mock in its own process.
 * @public
 */
export function createRealRunner(options: RealModeOptions = {}): (scenario: Scenario, spec: StrategySpec, seed: number, onProgress: (fraction: number) => void) => Promise<{ records: RunRecords; health: HarnessHealth }> {
  return async (scenario, spec, seed, onProgress) => {
    checkRealStrategy(spec);
    const mock = createMockAws(mockConfigFor(scenario, options.verifySignatures ?? false), { clockMode: 'real', journalLimit: 1000 });
    const health = measureHarness(spec.label);
    // The server sees the mock through a view that times each answer, so the report can say how much of the process it used.
    const timed: MockAwsCore = Object.create(mock, {
      handle: {
        value: async (request: Parameters<MockAwsCore['handle']>[0]) => {
          const started = performance.now();
          try {
            return await mock.handle(request);
          } finally {
            health.mockBusy(performance.now() - started);
          }
        },
      },
    }) as MockAwsCore;
    const server = await startMockServer(timed, { port: 0 });
    const user = mock.config.users[0];
    if (user === undefined) throw new HarnessOptionError('mock', 'The embedded mock has no IAM user to sign with.');
    const t0 = performance.now();
    const durationMs = scenario.durationS * 1000;
    const background = options.background === undefined ? undefined : startBackgroundLoad(server.url, options.background, scenario.durationS);
    const progress = setInterval(() => onProgress(Math.min(1, (performance.now() - t0) / durationMs)), 250);
    progress.unref();
    let columns;
    try {
      columns = await runClientShard({
        scenario,
        spec,
        seed,
        url: server.url,
        credentials: user,
        shard: { index: 0, count: 1 },
        t0,
        connections: options.connections,
        drainS: options.drainS,
      });
    } finally {
      clearInterval(progress);
      await background?.stop();
    }
    const measured = health.stop();
    await server.close();
    onProgress(1);
    return { records: toRecords(columns), health: measured };
  };
}
