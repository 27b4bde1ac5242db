import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../types.js';
import type { RealRunner, StrategySpec } from '../runLoad.js';
import { HarnessOptionError } from '../errors.js';
import { concatColumns, type RunColumns } from '../records/RunColumns.js';
import { shardWarnings, type HarnessHealth, type WorkerHealth } from './measureHarness.js';
import { startBackgroundLoad } from './backgroundLoad.js';
import { checkRealStrategy } from './runClientShard.js';
import { mockConfigFor, type RealModeOptions } from './runRealStrategy.js';
import type { MockProcessReply, MockProcessRequest } from './mockProcess.js';
import type { ShardReady, ShardWorkerData, ShardWorkerResult } from './shardWorker.js';

/** @public */
export interface ShardedModeOptions extends RealModeOptions {
  /** Worker threads for the clients (default: {@link defaultWorkers}). */
  readonly workers?: number;
}

/** From the last worker's `ready` to the first arrival, ms (the start message's trip to every thread). */
const START_DELAY_MS = 50;

/**
 * The default worker count: every core for clients on a machine of one or two
 * cores, else one core left to the mock process. The mock answers an E1 run
 * with a quarter of a core, so on two cores a second client worker does more
 * than a core kept for the mock (decision 0131, update).
 * @public
 */
export function defaultWorkers(cores: number = availableParallelism()): number {
  return cores <= 2 ? Math.max(1, cores) : cores - 1;
}

function startMockProcess(scenario: Scenario, verifySignatures: boolean): Promise<{ url: string; user: { accessKeyId: string; secretAccessKey: string }; request(m: MockProcessRequest): void; stopped: Promise<{ cpuMs: number; wallMs: number }> }> {
  const child = fork(fileURLToPath(new URL('./mockProcess.js', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const request = (m: MockProcessRequest): void => {
    child.send(m);
  };
  let onStopped: (r: { cpuMs: number; wallMs: number }) => void = () => {};
  const stopped = new Promise<{ cpuMs: number; wallMs: number }>((resolve) => {
    onStopped = resolve;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the mock process exited (code ${code}) before it was ready`)));
    child.on('message', (reply: MockProcessReply) => {
      if (reply.type === 'ready') resolve({ url: reply.url, user: reply.user, request, stopped });
      else onStopped({ cpuMs: reply.cpuMs, wallMs: reply.wallMs });
    });
    request({ type: 'config', config: mockConfigFor(scenario, verifySignatures) });
  });
}

function runWorker(data: ShardWorkerData, ready: () => void, start: Promise<number>): Promise<ShardWorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./shardWorker.js', import.meta.url), { workerData: data });
    worker.on('message', (m: ShardReady | (ShardWorkerResult & { type: 'done' })) => {
      if (m.type === 'ready') {
        ready();
        void start.then((startEpochMs) => worker.postMessage({ startEpochMs }));
      } else resolve(m);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`worker ${data.shard.index + 1} exited with code ${code}`));
    });
  });
}

/**
 * Real mode on every core: the mock in its own process (forked, serving on a
 * loopback port), the clients sharded over worker threads (client c runs on
 * worker c mod W, each worker one event loop with its own undici Agent), all
 * on one clock (the run's start is one epoch time). The workers' records come
 * back as columns and are concatenated, so per-client counts, windowed series
 * and latency histograms are computed once over all of them. Self-measurement
 * covers every worker (event-loop busy share and delay while arrivals come)
 * and the mock process (its CPU), and names the one that saturated.
 *
 * A shared or fair-share quota is one object that all clients draw on, so
 * those scopes run on a single worker (the mock still in its own process).
 * A scenario with its own `call` function cannot cross a thread boundary: use
 * createRealRunner for it.
 * @public
 */
export function createShardedRunner(options: ShardedModeOptions = {}): RealRunner {
  return async (scenario: Scenario, spec: StrategySpec, seed: number, onProgress: (fraction: number) => void) => {
    checkRealStrategy(spec);
    if (scenario.call !== undefined) throw new HarnessOptionError('workers', `${scenario.name} brings its own client code (\`call\`), which cannot be sent to worker threads; run it with --workers 0.`);
    const requested = options.workers ?? defaultWorkers();
    const workers = Math.max(1, Math.min(spec.scope === 'client' ? requested : 1, scenario.clients));
    const mock = await startMockProcess(scenario, options.verifySignatures ?? false);
    const { call: _call, ...portable } = scenario;
    const durationMs = scenario.durationS * 1000;
    let t0 = Infinity;
    let cpu0 = process.cpuUsage();
    let wall0 = performance.now();
    let background: { stop(): Promise<void> } | undefined;
    let backgroundTimer: NodeJS.Timeout | undefined;
    // Every worker builds its clients first; then one start time goes to all of them.
    let readyCount = 0;
    let begin: (startEpochMs: number) => void = () => {};
    const start = new Promise<number>((resolve) => {
      begin = resolve;
    });
    const ready = (): void => {
      if (++readyCount < workers) return;
      const startEpochMs = performance.timeOrigin + performance.now() + START_DELAY_MS;
      t0 = startEpochMs - performance.timeOrigin;
      cpu0 = process.cpuUsage();
      wall0 = performance.now();
      mock.request({ type: 'start' });
      if (options.background !== undefined) {
        const rate = options.background;
        backgroundTimer = setTimeout(() => {
          background = startBackgroundLoad(mock.url, rate, scenario.durationS);
        }, START_DELAY_MS);
      }
      begin(startEpochMs);
    };
    const progress = setInterval(() => onProgress(Math.max(0, Math.min(1, (performance.now() - t0) / durationMs))), 250);
    progress.unref();
    let results: ShardWorkerResult[];
    try {
      results = await Promise.all(
        Array.from({ length: workers }, (_, index) =>
          runWorker(
            { scenario: portable as Scenario, spec, seed, url: mock.url, credentials: mock.user, shard: { index, count: workers }, connections: options.connections === undefined ? undefined : Math.ceil(options.connections / workers), drainS: options.drainS },
            ready,
            start,
          ),
        ),
      );
    } finally {
      clearInterval(progress);
      if (backgroundTimer !== undefined) clearTimeout(backgroundTimer);
      await background?.stop();
      mock.request({ type: 'stop' });
    }
    const mockUse = await mock.stopped;
    const cpu = process.cpuUsage(cpu0);
    const wallMs = Math.max(1, performance.now() - wall0);
    onProgress(1);
    const workerHealth: WorkerHealth[] = results.map((r, worker) => ({ worker, clients: r.clients, busyShare: r.busyShare, eventLoopP99Ms: r.eventLoopP99Ms, eventLoopMaxMs: r.eventLoopMaxMs }));
    const mockShare = Math.round((mockUse.cpuMs / Math.max(1, mockUse.wallMs)) * 1000) / 1000;
    const health: HarnessHealth = {
      strategy: spec.label,
      cpuShare: Math.round(((cpu.user + cpu.system) / 1000 / wallMs) * 1000) / 1000,
      mockShare,
      eventLoopP99Ms: Math.max(...workerHealth.map((w) => w.eventLoopP99Ms)),
      eventLoopMaxMs: Math.max(...workerHealth.map((w) => w.eventLoopMaxMs)),
      warnings: [
        ...(workers < requested && spec.scope !== 'client' ? [`${spec.label}: a ${spec.scope} quota is one object for all clients, so this strategy ran on one worker.`] : []),
        ...shardWarnings(spec.label, workerHealth, mockShare),
      ],
      workers: workerHealth,
    };
    const columns: RunColumns = concatColumns(results.map((r) => r.columns));
    return { records: columns, health };
  };
}
