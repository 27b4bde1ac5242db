import type { Scenario, RunRecords } from './types.js';
import { computeMetrics, type StrategyDetail, type StrategyMetrics } from './metrics/computeMetrics.js';
import { simulateColumns } from './sim/runSimulation.js';
import type { RunColumns } from './records/RunColumns.js';
import { resolveSimStrategy, type QuotaScope } from './strategies/resolveStrategy.js';
import { HarnessOptionError } from './errors.js';
import type { HarnessHealth } from './real/measureHarness.js';

/** The `--json` document (docs/contracts.md, `rolecall load --json`): exactly these fields. @public */
export interface LoadReport {
  readonly scenario: string;
  readonly mode: 'sim' | 'real';
  readonly clients: number;
  readonly durationS: number;
  readonly capacityRps: number;
  readonly seed: number;
  readonly strategies: readonly StrategyMetrics[];
}

/** A run's report plus what charts, summaries and CI read. @public */
export interface LoadRun {
  readonly report: LoadReport;
  readonly scenario: Scenario;
  readonly details: readonly StrategyDetail[];
  /** Real mode: how hard the harness itself worked, per strategy. */
  readonly health: readonly HarnessHealth[];
  readonly warnings: readonly string[];
}

/** Runs one strategy in real mode; injected so the simulation never loads sockets. @public */
export type RealRunner = (scenario: Scenario, strategy: StrategySpec, seed: number, onProgress: (fraction: number) => void) => Promise<{ records: RunRecords | RunColumns; health: HarnessHealth }>;

/** @public */
export interface RunLoadOptions {
  readonly scenario: Scenario;
  readonly mode: 'sim' | 'real';
  readonly seed?: number;
  /** Required for real mode: `runRealStrategy` from this package. */
  readonly real?: RealRunner;
  /** Progress of the whole run, 0..1, with the strategy being run. */
  readonly onProgress?: (fraction: number, strategy: string) => void;
}

/** A strategy as named on the command line: `rolecall` or `rolecall@shared`. @public */
export interface StrategySpec {
  readonly label: string;
  readonly name: string;
  readonly scope: QuotaScope;
}

/** Parses `name[@client|shared|fair-share]`. @public */
export function parseStrategySpec(spec: string, defaultScope: QuotaScope = 'client'): StrategySpec {
  const [name = '', scope] = spec.split('@');
  if (scope !== undefined && scope !== 'client' && scope !== 'shared' && scope !== 'fair-share') {
    throw new HarnessOptionError('strategies', `Unknown quota scope ${JSON.stringify(scope)} in ${JSON.stringify(spec)}; use @client, @shared or @fair-share.`);
  }
  return { label: spec, name, scope: scope ?? defaultScope };
}

/**
 * Runs every strategy of a scenario one after another (each alone against a
 * fresh server, the same seed so they see the same arrivals), then computes
 * the metrics.
 * @public
 */
export async function runLoad(options: RunLoadOptions): Promise<LoadRun> {
  const { scenario, mode } = options;
  const seed = options.seed ?? 1;
  const specs = scenario.strategies.map((s) => parseStrategySpec(s, scenario.quotaScope ?? 'client'));
  const details: StrategyDetail[] = [];
  const health: HarnessHealth[] = [];
  const warnings: string[] = [];
  if (mode === 'sim' && scenario.call !== undefined) warnings.push(`${scenario.name}: its own client code (\`call\`) runs in real mode only; the simulation used the server model.`);
  for (const [i, spec] of specs.entries()) {
    const progress = (f: number): void => options.onProgress?.((i + f) / specs.length, spec.label);
    let records: RunRecords | RunColumns;
    if (mode === 'sim') {
      const source = resolveSimStrategy(spec.name, { scope: spec.scope, clients: scenario.clients, options: scenario.strategyOptions ?? {} });
      records = await simulateColumns({ scenario, strategy: { name: spec.label, create: source.create }, seed, onProgress: progress });
    } else {
      if (options.real === undefined) throw new HarnessOptionError('mode', 'Real mode needs a runner: pass `real: runRealStrategy`.');
      const result = await options.real(scenario, spec, seed, progress);
      records = result.records;
      health.push(result.health);
      warnings.push(...result.health.warnings);
    }
    details.push(computeMetrics(records, scenario.trigger === undefined ? {} : { trigger: scenario.trigger }));
  }
  options.onProgress?.(1, '');
  return {
    report: {
      scenario: scenario.name,
      mode,
      clients: scenario.clients,
      durationS: scenario.durationS,
      capacityRps: scenario.capacityRps,
      seed,
      strategies: details.map((d) => d.metrics),
    },
    scenario,
    details,
    health,
    warnings,
  };
}
