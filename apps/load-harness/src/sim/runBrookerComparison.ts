import { resolveSimStrategy } from '../strategies/resolveStrategy.js';
import { runBrooker, type BrookerPoint } from './brooker.js';

/** Brooker's client counts and backoff parameters. @public */
export const BROOKER_CLIENTS: readonly number[] = [10, 20, 50, 100, 150, 190];

/**
 * Brooker's comparison with the core's strategies: each named strategy with
 * his parameters (base 5 ms, cap 2 s, no quota, unlimited attempts) at each
 * client count.
 * @public
 */
export async function runBrookerComparison(options: {
  readonly strategies: readonly string[];
  readonly clients?: readonly number[];
  readonly seed: number;
  readonly runs?: number;
  readonly onProgress?: (fraction: number, label: string) => void;
}): Promise<BrookerPoint[]> {
  const clients = options.clients ?? BROOKER_CLIENTS;
  const points: BrookerPoint[] = [];
  let done = 0;
  for (const name of options.strategies) {
    for (const n of clients) {
      options.onProgress?.(done / (clients.length * options.strategies.length), `${name} × ${n}`);
      const source = resolveSimStrategy(name, { clients: n, options: { baseMs: 5, capMs: 2000, maxAttempts: 1_000_000 } });
      points.push(await runBrooker({ clients: n, strategy: source, seed: options.seed, ...(options.runs === undefined ? {} : { runs: options.runs }) }));
      done++;
    }
  }
  options.onProgress?.(1, '');
  return points;
}
