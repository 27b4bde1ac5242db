// Regression: short-lived clients with their own dispatcher were kept alive by
// the default chain's process-wide cache, keyed by the identity of injected
// objects (68–210 MB for 20 000 clients). The bench runs in a fresh node
// process with --expose-gc against the built package; here with fewer cycles,
// where the old cache retained ~13 MB (docs/decisions/0102).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BENCH = fileURLToPath(new URL('../../../bench/client-retained-heap.bench.mjs', import.meta.url));

describe('short-lived clients with their own dispatcher', () => {
  it('4000 createClient()/close() cycles retain under 2 MB of heap, default chain or explicit credentials', async () => {
    const { stdout } = await run(process.execPath, ['--expose-gc', BENCH, '--cycles', '4000'], { timeout: 120_000 });
    const figures = JSON.parse(stdout.trim()) as { cycles: number; defaultChainMB: number; explicitCredentialsMB: number };
    expect(figures.cycles).toBe(4000);
    expect(figures.defaultChainMB).toBeLessThan(2);
    expect(figures.explicitCredentialsMB).toBeLessThan(2);
  }, 130_000);
});
