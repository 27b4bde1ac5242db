import { monitorEventLoopDelay } from 'node:perf_hooks';

/** How hard the harness process worked during one strategy's real run. @public */
export interface HarnessHealth {
  readonly strategy: string;
  /** Process CPU time (user + system) over wall time, as a share of one core. */
  readonly cpuShare: number;
  /** Share of wall time the embedded mock spent answering requests (its part of the process's CPU). */
  readonly mockShare: number;
  /** Event-loop delay p99, ms. */
  readonly eventLoopP99Ms: number;
  readonly eventLoopMaxMs: number;
  /** Why the figures may say more about the harness than the strategy. */
  readonly warnings: readonly string[];
  /** Sharded runs: each client event loop's own figures. */
  readonly workers?: readonly WorkerHealth[];
}

/** One worker thread's event loop during a sharded run. @public */
export interface WorkerHealth {
  /** 0-based worker index; it ran clients with `client % workers === worker`. */
  readonly worker: number;
  readonly clients: number;
  /** Share of wall time its event loop was busy (performance.eventLoopUtilization). */
  readonly busyShare: number;
  readonly eventLoopP99Ms: number;
  readonly eventLoopMaxMs: number;
}

/** Above this event-loop p99 the clients' timing is the harness's, not the strategy's. */
export const EVENT_LOOP_P99_LIMIT_MS = 50;
/** Above this share of a core, client and mock compete for the CPU. */
export const CPU_SHARE_LIMIT = 0.9;

/**
 * The warnings for a sharded run: each worker whose event loop was busy or
 * late beyond the limits, and the mock process if it used nearly a core.
 * @internal
 */
export function shardWarnings(strategy: string, workers: readonly WorkerHealth[], mockCpuShare: number): string[] {
  const warnings: string[] = [];
  for (const w of workers) {
    const name = `${strategy}: worker ${w.worker + 1} of ${workers.length} (${w.clients} clients)`;
    if (w.eventLoopP99Ms > EVENT_LOOP_P99_LIMIT_MS) warnings.push(`${name}: event-loop delay p99 ${w.eventLoopP99Ms.toFixed(0)} ms > ${EVENT_LOOP_P99_LIMIT_MS} ms: the harness, not the strategy, set the pace; add workers (--workers) or use fewer clients.`);
    if (w.busyShare > CPU_SHARE_LIMIT) warnings.push(`${name}: its event loop was busy ${(w.busyShare * 100).toFixed(0)} % of the time; latencies include queueing in the harness.`);
  }
  if (mockCpuShare > CPU_SHARE_LIMIT) warnings.push(`${strategy}: the mock process used ${(mockCpuShare * 100).toFixed(0)} % of a core: the shared mock, not the strategy, set the pace.`);
  return warnings;
}

/**
 * Starts measuring the process (client and embedded mock share it): CPU
 * share from process.cpuUsage, the mock's part from the time its `handle`
 * took (reported through `mockBusy`), and event-loop delay from
 * perf_hooks.monitorEventLoopDelay. `stop()` returns the figures and a
 * warning when the harness itself is the bottleneck.
 * @public
 */
export function measureHarness(strategy: string): { mockBusy(ms: number): void; stop(): HarnessHealth } {
  let mockBusyMs = 0;
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  return {
    mockBusy(ms) {
      mockBusyMs += ms;
    },
    stop() {
      histogram.disable();
      const cpu = process.cpuUsage(cpu0);
      const wallMs = Math.max(1, performance.now() - wall0);
      const cpuShare = (cpu.user + cpu.system) / 1000 / wallMs;
      const eventLoopP99Ms = histogram.percentile(99) / 1e6;
      const eventLoopMaxMs = histogram.max / 1e6;
      const warnings: string[] = [];
      if (eventLoopP99Ms > EVENT_LOOP_P99_LIMIT_MS) {
        warnings.push(`${strategy}: event-loop delay p99 ${eventLoopP99Ms.toFixed(0)} ms > ${EVENT_LOOP_P99_LIMIT_MS} ms: the harness, not the strategy, set the pace; use fewer clients or a lower capacity.`);
      }
      if (cpuShare > CPU_SHARE_LIMIT) {
        warnings.push(`${strategy}: the harness used ${(cpuShare * 100).toFixed(0)} % of a core; client and mock compete for the CPU, so latencies include queueing in the harness.`);
      }
      return { strategy, cpuShare: Math.round(cpuShare * 1000) / 1000, mockShare: Math.round((mockBusyMs / wallMs) * 1000) / 1000, eventLoopP99Ms: Math.round(eventLoopP99Ms * 10) / 10, eventLoopMaxMs: Math.round(eventLoopMaxMs * 10) / 10, warnings };
    },
  };
}
