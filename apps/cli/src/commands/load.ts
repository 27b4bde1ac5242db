import {
  builtinScenario,
  checkThresholds,
  createProgressBar,
  createRealRunner,
  createShardedRunner,
  defaultWorkers,
  DEFAULT_STRATEGIES,
  DEFAULT_THRESHOLDS,
  formatTable,
  HarnessOptionError,
  loadScenarioModule,
  mergeArtilleryReports,
  metricsFromArtillery,
  parseThresholds,
  renderMarkdown,
  runBrookerComparison,
  runLoad,
  writeBrookerReport,
  writeReport,
  brookerMarkdown,
  SCENARIO_NAMES,
  type LoadRun,
  type RealModeOptions,
  type Scenario,
  type Thresholds,
} from '@rolecall/load-harness';
import type { CommandContext } from '../CommandContext.js';

const { appendFile, readFile, writeFile } = process.getBuiltinModule('node:fs/promises');
const { isAbsolute, resolve } = process.getBuiltinModule('node:path');
const { parseArgs } = process.getBuiltinModule('node:util');

const USAGE = `usage: rolecall load [SCENARIO | ./file.mjs] [options]
       rolecall load report ARTILLERY.json [MORE.json ...] [--strategies NAME] [--json FILE] [--ci [--thresholds FILE]]

Compares retry strategies: many clients, one throttled API (the embedded fake AWS).

report: the fairness report (and --ci thresholds) from Artillery JSON reports of runs
        with artillery-engine-rolecall (\`artillery run --output FILE\`); several files merge.

scenarios: ${SCENARIO_NAMES.join(', ')} (default e1-overload); or a module exporting \`scenario\`
           (.mjs/.js; a .ts file needs a TypeScript loader on Node 20)

options:
  --sim                  simulate on a virtual clock (no sockets; deterministic per seed)
  --clients N            clients, each with its own strategy instance
  --duration S           seconds of offered load
  --capacity RPS         server capacity C (token bucket rate)
  --load F               offered load as a multiple of capacity
  --reject-cost E        capacity a rejected request still costs (default 0.05)
  --strategies a,b       names, optionally @client|@shared|@fair-share for the quota scope
  --seed N               seed for arrivals and jitter (default 1)
  --workers N            real mode: worker threads for the clients, the mock in its own process
                         (default: cores − 1; every core on 1–2 cores); 0 runs everything on one event loop
  --background RPS       real mode: autocannon background load at RPS
  --verify-signatures    real mode: the mock verifies every SigV4 signature
  --json FILE            write the report as JSON
  --out DIR              write report.json, summary.md and SVG charts
  --ci                   check thresholds; exit 1 naming each breach; Markdown to $GITHUB_STEP_SUMMARY
  --thresholds FILE      JSON thresholds for --ci: {"strategies":["rolecall"],"minJain":0.9,
                         "maxWorkAmplification":3,"maxRetryAmplification":1,"maxP99Ms":5000,"noStarvation":true}
`;

const OPTIONS = {
  sim: { type: 'boolean' },
  clients: { type: 'string' },
  duration: { type: 'string' },
  capacity: { type: 'string' },
  load: { type: 'string' },
  'reject-cost': { type: 'string' },
  strategies: { type: 'string' },
  seed: { type: 'string' },
  background: { type: 'string' },
  workers: { type: 'string' },
  'verify-signatures': { type: 'boolean' },
  json: { type: 'string' },
  out: { type: 'string' },
  ci: { type: 'boolean' },
  thresholds: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new HarnessOptionError(flag, `--${flag} needs a positive number, got ${JSON.stringify(value)}.`);
  return n;
}

/** Overrides tests may pass through `ctx.overrides`. */
interface LoadOverrides {
  readonly realMode?: RealModeOptions;
}

/**
 * `rolecall load`: runs a scenario against the embedded mock (or in
 * simulation), prints a table per strategy, writes JSON / Markdown / SVG on
 * request, and in `--ci` mode checks thresholds. Exit 0, 1 on a breached
 * threshold, 64 on bad usage.
 * @public
 */
export async function load(ctx: CommandContext): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...ctx.argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    ctx.stderr.write(`rolecall load: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 64;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    ctx.stdout.write(USAGE);
    return 0;
  }
  const path = (p: string): string => (isAbsolute(p) ? p : resolve(ctx.cwd, p));
  try {
    const name = positionals[0] ?? 'e1-overload';
    const seed = values.seed === undefined ? 1 : Math.floor(Number(values.seed));
    if (!Number.isInteger(seed)) throw new HarnessOptionError('seed', `--seed needs an integer, got ${JSON.stringify(values.seed)}.`);
    const strategies = values.strategies?.split(',').map((s) => s.trim()).filter((s) => s !== '');
    const progress = createProgressBar(ctx.stderr as Parameters<typeof createProgressBar>[0]);

    if (name === 'report') {
      const files = positionals.slice(1);
      if (files.length === 0) throw new HarnessOptionError('report', 'rolecall load report needs at least one Artillery JSON report (artillery run --output FILE).');
      const reports = [];
      for (const f of files) {
        try {
          reports.push(JSON.parse(await readFile(path(f), 'utf8')));
        } catch (error) {
          throw new HarnessOptionError('report', `${f}: ${error instanceof SyntaxError ? 'not valid JSON' : 'cannot be read'} (${error instanceof Error ? error.message : String(error)}).`);
        }
      }
      const metrics = [metricsFromArtillery(mergeArtilleryReports(reports), strategies?.[0] ?? 'rolecall')];
      ctx.stdout.write(formatTable(metrics));
      ctx.stderr.write('rolecall load report: windows are Artillery\'s reporting periods; no timeline, so no recovery time.\n');
      if (values.json !== undefined) await writeFile(path(values.json), `${JSON.stringify({ scenario: 'artillery', mode: 'artillery', files: files.length, strategies: metrics }, null, 2)}\n`);
      if (values.ci !== true) return 0;
      const thresholds: Thresholds = values.thresholds === undefined ? DEFAULT_THRESHOLDS : parseThresholds(JSON.parse(await readFile(path(values.thresholds), 'utf8')), values.thresholds);
      const breaches = checkThresholds(metrics, thresholds);
      if (breaches.length === 0) {
        ctx.stderr.write('rolecall load report --ci: all thresholds met\n');
        return 0;
      }
      ctx.stderr.write(`rolecall load report --ci: ${breaches.length} threshold(s) breached:\n${breaches.map((b) => `  - ${b}`).join('\n')}\n`);
      return 1;
    }

    if (name === 'brooker') {
      const clients = values.clients === undefined ? undefined : [positive('clients', values.clients) as number];
      const points = await runBrookerComparison({
        strategies: strategies ?? ['none', 'no-jitter', 'full-jitter', 'equal-jitter', 'decorrelated-jitter'],
        seed,
        ...(clients === undefined ? {} : { clients }),
        onProgress: (f, label) => progress.update(f, label),
      });
      progress.done();
      ctx.stdout.write(`${brookerMarkdown(points)}\n`);
      if (values.json !== undefined) await writeFile(path(values.json), `${JSON.stringify({ scenario: 'brooker', mode: 'sim', seed, points }, null, 2)}\n`);
      if (values.out !== undefined) ctx.stdout.write(`report: ${(await writeBrookerReport(path(values.out), points)).markdown}\n`);
      return 0;
    }

    const mode = values.sim === true ? 'sim' : 'real';
    const params = {
      clients: positive('clients', values.clients),
      durationS: positive('duration', values.duration),
      capacityRps: positive('capacity', values.capacity),
      load: positive('load', values.load),
      rejectCost: values['reject-cost'] === undefined ? undefined : Number(values['reject-cost']),
      strategies: strategies ?? (mode === 'real' ? [...DEFAULT_STRATEGIES, 'smithy-standard'] : undefined),
    };
    const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
    const scenario: Scenario = name.includes('/') || name.includes('\\') || /\.[cm]?[jt]s$/.test(name)
      ? { ...(await loadScenarioModule(name, ctx.cwd)), ...defined }
      : builtinScenario(name, defined);
    const overrides = (ctx.overrides ?? {}) as LoadOverrides;
    const background = positive('background', values.background);
    const realOptions: RealModeOptions = {
      ...overrides.realMode,
      ...(values['verify-signatures'] === true ? { verifySignatures: true } : {}),
      ...(background === undefined ? {} : { background: { rps: background } }),
    };
    // A scenario's own client code (`call`) is a function: it cannot cross into a worker thread.
    const workers = values.workers === undefined ? (scenario.call === undefined ? defaultWorkers() : 0) : Math.floor(Number(values.workers));
    if (!Number.isInteger(workers) || workers < 0) throw new HarnessOptionError('workers', `--workers needs a whole number ≥ 0, got ${JSON.stringify(values.workers)}.`);
    const where = mode === 'sim' ? 'simulation' : workers === 0 ? 'real mode, one event loop' : `real mode, ${workers} client worker(s) + mock process`;
    ctx.stderr.write(`rolecall load: ${scenario.name} (${where}), ${scenario.clients} clients, ${scenario.durationS} s, capacity ${scenario.capacityRps} rps\n`);
    const run: LoadRun = await runLoad({
      scenario,
      mode,
      seed,
      ...(mode === 'real' ? { real: workers === 0 ? createRealRunner(realOptions) : createShardedRunner({ ...realOptions, workers }) } : {}),
      onProgress: (f, label) => progress.update(f, label),
    });
    progress.done();
    ctx.stdout.write(formatTable(run.report.strategies));
    for (const h of run.health) {
      ctx.stderr.write(`harness during ${h.strategy}: CPU ${(h.cpuShare * 100).toFixed(0)} % of a core (mock ${(h.mockShare * 100).toFixed(0)} %), event-loop p99 ${h.eventLoopP99Ms} ms\n`);
      for (const w of h.workers ?? []) ctx.stderr.write(`  worker ${w.worker + 1}: ${w.clients} clients, event loop busy ${(w.busyShare * 100).toFixed(0)} %, p99 ${w.eventLoopP99Ms} ms, max ${w.eventLoopMaxMs} ms\n`);
    }
    for (const w of run.warnings) ctx.stderr.write(`warning: ${w}\n`);

    let verdicts: string[] = [];
    let breaches: string[] = [];
    if (values.ci === true) {
      const thresholds: Thresholds = values.thresholds === undefined ? DEFAULT_THRESHOLDS : parseThresholds(JSON.parse(await readFile(path(values.thresholds), 'utf8')), values.thresholds);
      breaches = checkThresholds(run.report.strategies, thresholds);
      verdicts = breaches.length === 0 ? ['all thresholds met'] : breaches.map((b) => `BREACHED ${b}`);
    }
    if (values.json !== undefined) await writeFile(path(values.json), `${JSON.stringify(run.report, null, 2)}\n`);
    if (values.out !== undefined) ctx.stdout.write(`report: ${(await writeReport(path(values.out), run, verdicts)).markdown}\n`);
    const summaryFile = ctx.env['GITHUB_STEP_SUMMARY'];
    if (values.ci === true && summaryFile !== undefined && summaryFile !== '') await appendFile(summaryFile, `${renderMarkdown(run, verdicts)}\n`);
    if (breaches.length > 0) {
      ctx.stderr.write(`rolecall load --ci: ${breaches.length} threshold(s) breached:\n${breaches.map((b) => `  - ${b}`).join('\n')}\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof HarnessOptionError) {
      ctx.stderr.write(`rolecall load: ${error.message}\n`);
      return 64;
    }
    if (error instanceof SyntaxError) {
      ctx.stderr.write(`rolecall load: the thresholds file is not valid JSON: ${error.message}\n`);
      return 64;
    }
    throw error;
  }
}
