/**
 * The retry engine against the fake AWS, in-process (no socket): the
 * interceptor over `mockDispatcher`, faults from the mock's fault plan, and
 * the mock's journal as the witness of attempts and their spacing. The sleep
 * clock also moves the mock's clock, so journal times show the backoff.
 */
import { createMockAws, mockDispatcher } from '@rolecall/mock-aws';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import {
  createRolecallRetryStrategy,
  createVirtualClock,
  retryInterceptor,
  seededRandom,
  type VirtualClock,
} from '../src/index.js';
import { clockFollowedByMock } from './support/virtualTime.js';

const IMDS = 'http://169.254.169.254';
const STS = 'https://sts.us-east-1.amazonaws.com';

function setup(faults: object) {
  const mock = createMockAws({ instance: { httpTokens: 'optional' } });
  mock.setFaults(faults as never);
  const virtual = createVirtualClock(mock.clock.now());
  const clock = clockFollowedByMock(virtual, mock);
  const dispatcher = mockDispatcher(mock, { origins: [IMDS, STS] });
  return { mock, virtual, clock, dispatcher };
}

async function pump<T>(clock: VirtualClock, promise: Promise<T>): Promise<T> {
  let done = false;
  const settled = promise.finally(() => (done = true));
  settled.catch(() => undefined);
  for (let i = 0; !done && i < 100_000; i++) {
    if (clock.pending() > 0) await clock.runAll();
    else await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return settled;
}

describe('retryInterceptor against @rolecall/mock-aws', () => {
  it('retries two injected 500s; the journal shows three attempts spaced by the seeded backoff', async () => {
    const { mock, virtual, clock, dispatcher } = setup({
      rules: [{ service: 'imds', path: '/latest/meta-data/instance-id', status: 500, times: 2 }],
    });
    const seed = 99;
    const strategy = createRolecallRetryStrategy({ clock, random: seededRandom(seed) });
    const composed = dispatcher.compose(retryInterceptor({ clock, strategy }));
    const res = await pump(virtual, request(`${IMDS}/latest/meta-data/instance-id`, { dispatcher: composed }));
    const body = await res.body.text();
    expect(res.statusCode).toBe(200);
    expect(body).toMatch(/^i-/);

    const entries = mock.journal().filter((e) => e.path === '/latest/meta-data/instance-id');
    expect(entries.map((e) => e.status)).toEqual([500, 500, 200]);
    const r = seededRandom(seed);
    const expected = [Math.floor(r() * 50), Math.floor(r() * 100)];
    const times = entries.map((e) => Date.parse(e.t));
    expect([times[1]! - times[0]!, times[2]! - times[1]!]).toEqual(expected);
    expect([strategy.budget?.requests, strategy.budget?.retries]).toEqual([1, 2]);
  });

  it('gives up after 3 attempts and hands back the last 500', async () => {
    const { mock, virtual, clock, dispatcher } = setup({
      rules: [{ service: 'imds', path: '/latest/meta-data/instance-id', status: 500 }],
    });
    const composed = dispatcher.compose(retryInterceptor({ clock, random: seededRandom(1) }));
    const res = await pump(virtual, request(`${IMDS}/latest/meta-data/instance-id`, { dispatcher: composed }));
    await res.body.text();
    expect(res.statusCode).toBe(500);
    expect(mock.journal().filter((e) => e.path === '/latest/meta-data/instance-id')).toHaveLength(3);
  });

  it('retries a throttled STS POST (the 400 Throttling body proves it was not processed), then passes the signature error through once', async () => {
    const { mock, virtual, clock, dispatcher } = setup({
      rules: [{ service: 'sts', action: 'GetCallerIdentity', status: 400, code: 'Throttling', times: 2 }],
    });
    const composed = dispatcher.compose(retryInterceptor({ clock, random: seededRandom(5) }));
    const res = await pump(
      virtual,
      request(`${STS}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
        dispatcher: composed,
      }),
    );
    const body = await res.body.text();
    const entries = mock.journal().filter((e) => e.service === 'sts');
    expect(entries.slice(0, 2).map((e) => [e.status, e.code])).toEqual([
      [400, 'Throttling'],
      [400, 'Throttling'],
    ]);
    // The unsigned third attempt is refused by the mock and not retried.
    expect(entries).toHaveLength(3);
    expect(entries[2]!.code).not.toBe('Throttling');
    expect(res.statusCode).toBe(entries[2]!.status);
    expect(body).toContain(String(entries[2]!.code));
  });
});
