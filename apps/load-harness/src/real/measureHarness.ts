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
}

/** Above this event-loop p99 the clients' timing is the harness's, not the strategy's. */
const EVENT_LOOP_P99_LIMIT_MS = 50;
/** Above this share of a core, client and mock compete for the CPU. */
const CPU_SHARE_LIMIT = 0.9;

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
