import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImdsError, NetworkError } from '../errors.js';
import { createVirtualClock } from '../time/clock.js';
import type { HttpAnswer } from './httpRequest.js';
import { isTransientStatus, METADATA_BACKOFF_BASE_MS, retryMetadataRequest } from './retryMetadataRequest.js';

const answer = (status: number): HttpAnswer => ({ status, headers: {}, body: String(status) });
const refused = (): NetworkError => new NetworkError({ kind: 'connect', errno: 'ECONNREFUSED', endpoint: 'http://127.0.0.1:9', detail: 'connect ECONNREFUSED' });

/** Answers (or throws) from `script` in turn, on a virtual clock driven to the end. */
async function run(script: Array<number | Error>, maxAttempts = 3, random = () => 0.5) {
  const clock = createVirtualClock(0);
  const attempts: number[] = [];
  const outcome = retryMetadataRequest(
    async (attempt) => {
      attempts.push(attempt);
      const next = script[attempt - 1];
      if (next instanceof Error) throw next;
      return answer(next ?? 200);
    },
    { maxAttempts, clock, random },
  ).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await clock.runAll();
  return { ...(await outcome), attempts, elapsedMs: clock.now() };
}

describe('retryMetadataRequest', () => {
  it('retries a 500 and a 429 with full-jitter backoffs, then returns the answer', async () => {
    const result = await run([500, 429, 200]);
    expect(result).toMatchObject({ value: answer(200), attempts: [1, 2, 3] });
    // random 0.5: half of 100 ms, then half of 200 ms.
    expect(result.elapsedMs).toBe(0.5 * METADATA_BACKOFF_BASE_MS + 0.5 * 2 * METADATA_BACKOFF_BASE_MS);
  });

  it('returns the last transient answer when the attempts run out', async () => {
    expect(await run([503, 503, 503, 200])).toMatchObject({ value: answer(503), attempts: [1, 2, 3] });
    expect(await run([500, 200], 1)).toMatchObject({ value: answer(500), attempts: [1] });
  });

  it('retries refused connections and rethrows the last one', async () => {
    const last = refused();
    expect(await run([refused(), refused(), last])).toMatchObject({ error: last, attempts: [1, 2, 3] });
    expect(await run([refused(), 200])).toMatchObject({ value: answer(200), attempts: [1, 2] });
  });

  it('never retries a diagnosis marked non-retryable, even with a network cause', async () => {
    const diagnosis = new ImdsError('/latest/meta-data/', 'answered neither', { errorClass: 'non-retryable' }, { cause: refused() });
    expect(await run([diagnosis, 200])).toMatchObject({ error: diagnosis, attempts: [1] });
  });

  it('retries an error carrying a 5xx or 429 statusCode (a failed token PUT), not a 400', async () => {
    expect(await run([new ImdsError('/latest/api/token', 'HTTP 500', { statusCode: 500 }), 200])).toMatchObject({ value: answer(200), attempts: [1, 2] });
    const refusedTtl = new ImdsError('/latest/api/token', 'HTTP 400', { statusCode: 400 });
    expect(await run([refusedTtl, 200])).toMatchObject({ error: refusedTtl, attempts: [1] });
  });

  it('retries exactly the 5xx and 429 answers, whatever the status (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 200, max: 599 }), async (status) => {
        const result = await run([status, 200], 2);
        expect(result.attempts).toHaveLength(status >= 500 || status === 429 ? 2 : 1);
        expect(isTransientStatus(status)).toBe(status >= 500 || status === 429);
      }),
      { numRuns: 200 },
    );
  });

  it('an abort during a backoff ends the call at once and leaves no timer', async () => {
    const clock = createVirtualClock(0);
    const controller = new AbortController();
    const pending = retryMetadataRequest(async () => answer(500), { maxAttempts: 3, clock, random: () => 0.9, signal: controller.signal });
    const settled = pending.catch((error: unknown) => error);
    await clock.advance(10);
    controller.abort(new Error('deadline'));
    expect(await settled).toMatchObject({ code: 'ERR_ROLECALL_RETRY_ABORTED' });
    expect(clock.pending()).toBe(0);
  });
});
