import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random/random.js';
import { createVirtualClock } from '../time/clock.js';
import type { Credentials } from '../identity/Credentials.js';
import { memoize } from './memoize.js';

const MIN = 60_000;

function counting(clock: { now(): number }, lifetimeMs: number) {
  let calls = 0;
  let release: (() => void) | undefined;
  const provider = async (): Promise<Credentials> => {
    calls++;
    const n = calls;
    await new Promise<void>((r) => (release = r));
    return { accessKeyId: `AKIAGEN${n}`, secretAccessKey: 's', expiration: new Date(clock.now() + lifetimeMs) };
  };
  return { provider, calls: () => calls, release: () => release?.() };
}

describe('memoize', () => {
  it('serves 1000 concurrent callers from one lookup', async () => {
    const clock = createVirtualClock();
    const source = counting(clock, 60 * MIN);
    const cached = memoize(source.provider, { clock, random: seededRandom(1) });
    const all = Promise.all(Array.from({ length: 1000 }, () => cached()));
    await Promise.resolve();
    source.release();
    const results = await all;
    expect(source.calls()).toBe(1);
    expect(new Set(results.map((c) => c.accessKeyId))).toEqual(new Set(['AKIAGEN1']));
  });

  it('keeps serving near-expiry credentials while one background refresh runs', async () => {
    const clock = createVirtualClock();
    const source = counting(clock, 60 * MIN);
    const cached = memoize(source.provider, { clock, random: seededRandom(1), refreshBeforeMs: 5 * MIN, refreshJitterMs: 5 * MIN });
    const first = cached();
    await Promise.resolve();
    source.release();
    await first;
    await clock.advance(56 * MIN); // inside [exp-10 min, exp-5 min] at the latest
    const during = await Promise.all([cached(), cached(), cached()]);
    expect(during.map((c) => c.accessKeyId)).toEqual(['AKIAGEN1', 'AKIAGEN1', 'AKIAGEN1']);
    expect(source.calls()).toBe(2);
    source.release();
    await clock.advance(0);
    expect((await cached()).accessKeyId).toBe('AKIAGEN2');
  });

  it('makes callers wait when the credentials are expired', async () => {
    const clock = createVirtualClock();
    const source = counting(clock, 10 * MIN);
    const cached = memoize(source.provider, { clock, random: seededRandom(1) });
    const first = cached();
    await Promise.resolve();
    source.release();
    await first;
    await clock.advance(11 * MIN);
    let settled = false;
    const second = cached().then((c) => ((settled = true), c));
    await clock.advance(0);
    expect(settled).toBe(false);
    source.release();
    expect((await second).accessKeyId).toBe('AKIAGEN2');
  });

  it('spreads refresh moments over the jitter window (fleet does not refresh in step)', async () => {
    const moments = new Set<number>();
    for (let seed = 0; seed < 20; seed++) {
      const clock = createVirtualClock();
      let calls = 0;
      const cached = memoize(async () => ({ accessKeyId: `K${++calls}`, secretAccessKey: 's', expiration: new Date(clock.now() + 60 * MIN) }), {
        clock,
        random: seededRandom(seed),
        minRefreshIntervalMs: 0,
      });
      await cached();
      let minute = 0;
      while (calls === 1 && minute < 60) {
        await clock.advance(MIN / 4);
        minute += 0.25;
        await cached();
      }
      expect(minute).toBeGreaterThanOrEqual(50);
      expect(minute).toBeLessThanOrEqual(55);
      moments.add(minute);
    }
    expect(moments.size).toBeGreaterThan(5);
  });

  it('logs a failed background refresh and keeps the cached credentials', async () => {
    const clock = createVirtualClock();
    let calls = 0;
    const warnings: string[] = [];
    const cached = memoize(
      async () => {
        calls++;
        if (calls > 1) throw new Error('IMDS down');
        return { accessKeyId: 'AKIAONE', secretAccessKey: 'very-secret', expiration: new Date(clock.now() + 60 * MIN) };
      },
      { clock, random: seededRandom(3), logger: { warn: (m) => warnings.push(m) } },
    );
    await cached();
    await clock.advance(56 * MIN);
    expect((await cached()).accessKeyId).toBe('AKIAONE');
    await clock.advance(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('IMDS down');
    expect(warnings[0]).not.toContain('very-secret');
  });

  it('judges expiry on the caller\'s server clock: a learnt skew past expiry makes callers wait for fresh ones', async () => {
    const clock = createVirtualClock();
    let calls = 0;
    const cached = memoize(async () => ({ accessKeyId: `AKIAGEN${++calls}`, secretAccessKey: 's', expiration: new Date(clock.now() + 60 * MIN) }), { clock, random: seededRandom(1) });
    expect((await cached()).accessKeyId).toBe('AKIAGEN1');
    // Locally 59 minutes remain; on a server 6 h ahead they expired long ago.
    expect((await cached({ clockSkewMs: 0 })).accessKeyId).toBe('AKIAGEN1');
    expect((await cached({ clockSkewMs: 6 * 60 * MIN })).accessKeyId).toBe('AKIAGEN2');
    expect(calls).toBe(2);
  });

  it('drops credentials refused as expired once, however many callers saw them refused', async () => {
    const clock = createVirtualClock();
    const source = counting(clock, 60 * MIN);
    const cached = memoize(source.provider, { clock, random: seededRandom(1) });
    const first = cached();
    await Promise.resolve();
    source.release();
    const refused = await first;
    const all = Promise.all(Array.from({ length: 100 }, () => cached({ forceRefresh: true, expired: refused })));
    await clock.advance(0);
    source.release();
    const fresh = await all;
    expect(source.calls()).toBe(2);
    expect(new Set(fresh.map((c) => c.accessKeyId))).toEqual(new Set(['AKIAGEN2']));
    // A late caller that saw the old ones refused gets the new ones, no third fetch.
    expect((await cached({ forceRefresh: true, expired: refused })).accessKeyId).toBe('AKIAGEN2');
    expect(source.calls()).toBe(2);
  });

  it('refreshes on forceRefresh alone (the SDK\'s identity property)', async () => {
    const clock = createVirtualClock();
    let calls = 0;
    const cached = memoize(async () => ({ accessKeyId: `AKIAGEN${++calls}`, secretAccessKey: 's' }), { clock });
    await cached();
    expect((await cached({ forceRefresh: true })).accessKeyId).toBe('AKIAGEN2');
  });

  it('for any lifetime, skew and elapsed time: fresh credentials exactly when the cached ones expired on the server clock', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: MIN, max: 12 * 60 * MIN }),
        fc.integer({ min: -12 * 60 * MIN, max: 12 * 60 * MIN }),
        fc.integer({ min: 0, max: 24 * 60 * MIN }),
        async (lifetimeMs, clockSkewMs, elapsedMs) => {
          const clock = createVirtualClock();
          let calls = 0;
          // No background window: every refresh here is one callers wait for.
          const cached = memoize(async () => ({ accessKeyId: `AKIAGEN${++calls}`, secretAccessKey: 's', expiration: new Date(clock.now() + lifetimeMs) }), {
            clock,
            refreshBeforeMs: 0,
            refreshJitterMs: 0,
          });
          await cached();
          await clock.advance(elapsedMs);
          const served = await cached({ clockSkewMs });
          const expiredOnServer = elapsedMs + clockSkewMs >= lifetimeMs - 10_000;
          expect(served.accessKeyId).toBe(expiredOnServer ? 'AKIAGEN2' : 'AKIAGEN1');
        },
      ),
      { numRuns: 300 },
    );
  });
});
