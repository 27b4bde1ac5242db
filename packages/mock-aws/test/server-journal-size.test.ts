/**
 * The journal's size over a real socket: 8 KiB `x-rolecall-client`
 * names drove the server to 2.6 GB RSS and `GET /_mock/journal` to a 500
 * (`Invalid string length`). Names are cut now, and the journal keeps the
 * newest entries within its byte budget, the drop visible in `seq`.
 */
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockAws, startMockServer } from '../src/index.js';
import type { JournalEntry, MockServer } from '../src/index.js';

const BUDGET_BYTES = 64 * 1024;
let server: MockServer;
let pool: Pool;
beforeAll(async () => {
  server = await startMockServer(createMockAws({}, { clockMode: 'real', journalMaxBytes: BUDGET_BYTES }), { port: 0 });
  pool = new Pool(server.url, { connections: 4 });
});
afterAll(async () => {
  await pool.close();
  await server.close();
});

describe('the journal under long fields', () => {
  it('8 KiB client names and long paths: the journal answers 200 within its byte budget, oldest dropped', async () => {
    const requests = 600;
    for (let i = 0; i < requests; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, async (_, j) => {
          const res = await pool.request({ method: 'GET', path: `/latest/meta-data/${'p'.repeat(2000)}${i + j}`, headers: { 'x-rolecall-client': `${'c'.repeat(8192)}${i + j}` } });
          await res.body.dump();
        }),
      );
    }
    const res = await pool.request({ method: 'GET', path: '/_mock/journal' });
    expect(res.statusCode).toBe(200);
    const text = await res.body.text();
    const entries = JSON.parse(text) as JournalEntry[];
    // Compact JSON is what the budget weighs; the pretty-printed answer adds indentation on top.
    expect(entries.reduce((sum, e) => sum + JSON.stringify(e).length, 0)).toBeLessThanOrEqual(BUDGET_BYTES);
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.length).toBeLessThan(requests);
    expect(entries.at(-1)!.seq).toBe(requests);
    expect(entries[0]!.seq).toBe(requests - entries.length + 1);
    expect(Math.max(...entries.map((e) => e.client.length))).toBe(259);
    expect(Math.max(...entries.map((e) => e.path.length))).toBe(515);
  });
});
