/**
 * Entry point of a worker thread in a sharded real run: runs its shard of
 * clients (runClientShard) on the run's clock, measures its own event loop,
 * and posts the records as columns (their buffers transferred, not copied).
 * Not part of the API.
 * @internal
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import type { RunColumns } from '../records/RunColumns.js';
import { runClientShard, type ClientShardOptions } from './runClientShard.js';

/** What the runner passes: the shard's options; the run's start comes later, as epoch ms, once every worker is ready. @internal */
export type ShardWorkerData = Omit<ClientShardOptions, 't0' | 'ready' | 'onPhase'>;
/** Worker → runner: clients built. Runner → worker: `{ startEpochMs }`. @internal */
export interface ShardReady {
  readonly type: 'ready';
}
/** What a worker posts back. @internal */
export interface ShardWorkerResult {
  readonly columns: RunColumns;
  readonly clients: number;
  readonly busyShare: number;
  readonly eventLoopP99Ms: number;
  readonly eventLoopMaxMs: number;
}

const data = workerData as ShardWorkerData;
// This thread only runs clients: the stack of each refused retry and throttled
// call is never read, and capturing it is a large share of a client's CPU.
Error.stackTraceLimit = 0;
const delay = monitorEventLoopDelay({ resolution: 10 });
let elu0 = performance.eventLoopUtilization();
let elu = elu0;
// Measured while arrivals come (the drain's idle time would dilute a saturated loop).
const columns = await runClientShard({
  ...data,
  t0: 0,
  ready: () =>
    new Promise<number>((resolve) => {
      parentPort?.once('message', (m: { startEpochMs: number }) => {
        // performance.now() counts from this thread's own origin; the epoch time is common to all threads.
        resolve(m.startEpochMs - performance.timeOrigin);
      });
      parentPort?.postMessage({ type: 'ready' } satisfies ShardReady);
    }),
  onPhase: (phase) => {
    if (phase === 'arrivals') {
      delay.enable();
      elu0 = performance.eventLoopUtilization();
    } else {
      delay.disable();
      elu = performance.eventLoopUtilization(elu0);
    }
  },
});
let clients = 0;
for (let c = data.shard.index; c < data.scenario.clients; c += data.shard.count) clients++;
const result: ShardWorkerResult = {
  columns,
  clients,
  busyShare: Math.round(elu.utilization * 1000) / 1000,
  eventLoopP99Ms: Math.round((delay.percentile(99) / 1e6) * 10) / 10,
  eventLoopMaxMs: Math.round((delay.max / 1e6) * 10) / 10,
};
const buffers = [...Object.values(columns.attempts), ...Object.values(columns.ops)].flatMap((v) => (ArrayBuffer.isView(v) ? [v.buffer as ArrayBuffer] : []));
parentPort?.postMessage({ type: 'done', ...result }, [...new Set(buffers)]);
