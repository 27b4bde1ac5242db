import { seededRandom, sleep } from '@rolecall/core';
import type { StrategySource } from '../strategies/StrategySource.js';
import { createSimClock } from './SimClock.js';
import { deriveSeed } from './arrivals.js';
import { normalDelay } from './runSimulation.js';

/** One point of Brooker's comparison: averages over `runs`. @public */
export interface BrookerPoint {
  readonly strategy: string;
  readonly clients: number;
  /** Mean number of conditional writes (Brooker's "calls", the work). */
  readonly calls: number;
  /** Mean simulated time until the last client succeeded, ms. */
  readonly timeMs: number;
}

/** @public */
export interface BrookerOptions {
  readonly clients: number;
  readonly strategy: StrategySource;
  readonly seed: number;
  /** Runs to average (Brooker used 100; the published rerun 20). */
  readonly runs?: number;
  /** One-way network delay |Normal(mean, sd)|, ms (Brooker: 10 ± 2). */
  readonly networkMs?: { readonly mean: number; readonly sd: number };
}

const STREAM_BROOKER = 7;

/**
 * Brooker's optimistic-concurrency experiment (docs/reference/fairness.md §1;
 * awslabs/aws-arch-backoff-simulator): N clients start together, each must
 * update one row once: read the version, write conditionally, and on a
 * conflict back off and read again. Every message crosses the network with
 * |Normal(10 ms, 2 ms)| delay. Strategies are driven through the RetryStrategy
 * token protocol on a simulated clock, so any strategy can take part.
 * @public
 */
export async function runBrooker(options: BrookerOptions): Promise<BrookerPoint> {
  const runs = options.runs ?? 20;
  const network = options.networkMs ?? { mean: 10, sd: 2 };
  let calls = 0;
  let time = 0;
  for (let run = 0; run < runs; run++) {
    const clock = createSimClock();
    const t0 = clock.now();
    const netRandom = seededRandom(deriveSeed(options.seed, run, STREAM_BROOKER));
    const net = (): number => normalDelay(netRandom, network.mean, network.sd);
    let version = 0;
    let lastDone = 0;
    const client = async (id: number): Promise<void> => {
      const strategy = options.strategy.create({ client: id, clock, random: seededRandom(deriveSeed(options.seed, run * 100_003 + id, STREAM_BROOKER + 1)) });
      let token = await strategy.acquireInitialRetryToken();
      await sleep(clock, net() + token.delayMs);
      for (;;) {
        const seen = version; // the read, at the server
        await sleep(clock, net() + net()); // the answer back, then the write out
        calls++;
        const won = version === seen;
        if (won) version++;
        await sleep(clock, net());
        if (won) {
          strategy.recordSuccess(token);
          lastDone = Math.max(lastDone, clock.now() - t0);
          return;
        }
        token = await strategy.refreshRetryTokenForRetry(token, { errorClass: 'transient', code: 'ConditionalCheckFailed' });
        await sleep(clock, net() + token.delayMs);
      }
    };
    const all = Promise.all(Array.from({ length: options.clients }, (_, id) => client(id)));
    await clock.run();
    await all;
    time += lastDone;
  }
  return { strategy: options.strategy.name, clients: options.clients, calls: calls / runs, timeMs: time / runs };
}
