/**
 * Fault rules from the real domain core, delivered by each front as its
 * transport would: reset → a dropped connection, truncate → a body cut short,
 * hang → no answer until the caller gives up, latency → a late answer.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getResponse } from 'msw';
import { request } from 'undici';
import { createMockAws, handlers, mockDispatcher, startMockServer } from '../src/index.js';
import type { FaultRule, MockAws, MockServer } from '../src/index.js';

const PATH = '/latest/meta-data/instance-id';
const CONFIG = { instance: { httpTokens: 'optional' }, faults: { throttle: { imds: null } } } as const;

interface Front {
  name: string;
  mock: MockAws;
  /** Sends GET PATH; resolves with status and body text, or rejects as the transport fails. */
  get(signal?: AbortSignal): Promise<{ status: number; body: string }>;
}

let server: MockServer;
const fronts: Front[] = [];
beforeAll(async () => {
  const viaServer = createMockAws(CONFIG);
  server = await startMockServer(viaServer, { port: 0 });
  fronts.push({
    name: 'server',
    mock: viaServer,
    get: async (signal) => {
      const res = await request(`${server.url}${PATH}`, signal === undefined ? {} : { signal });
      return { status: res.statusCode, body: await res.body.text() };
    },
  });
  const viaDispatcher = createMockAws(CONFIG);
  const dispatcher = mockDispatcher(viaDispatcher);
  fronts.push({
    name: 'dispatcher',
    mock: viaDispatcher,
    get: async (signal) => {
      const res = await request(`http://169.254.169.254${PATH}`, { dispatcher, ...(signal === undefined ? {} : { signal }) });
      return { status: res.statusCode, body: await res.body.text() };
    },
  });
  const viaMsw = createMockAws(CONFIG);
  const list = handlers(viaMsw);
  fronts.push({
    name: 'msw',
    mock: viaMsw,
    get: async (signal) => {
      const res = await getResponse(list, new Request(`http://169.254.169.254${PATH}`, signal === undefined ? {} : { signal }));
      if (res === undefined) throw new Error('MSW did not answer');
      if (res.type === 'error') throw new TypeError('Failed to fetch (network error)');
      return { status: res.status, body: await res.text() };
    },
  });
});
afterAll(() => server.close());
beforeEach(() => {
  for (const front of fronts) front.mock.reset();
});

const rule = (extra: Partial<FaultRule>): FaultRule => ({ service: 'imds', path: PATH, times: 1, ...extra });
const names = ['server', 'dispatcher', 'msw'];
const front = (name: string): Front => fronts.find((f) => f.name === name)!;

describe.each(names)('fault delivery through the %s front', (name) => {
  it('reset drops the connection, then the next request is answered', async () => {
    const f = front(name);
    f.mock.setFaults({ rules: [rule({ reset: true })] });
    await expect(f.get()).rejects.toThrow();
    await expect(f.get()).resolves.toEqual({ status: 200, body: f.mock.config.instance.instanceId });
    expect(f.mock.journal().map((e) => e.fault === null)).toEqual([false, true]);
  });

  it('truncate sends part of the body, then fails', async () => {
    const f = front(name);
    f.mock.setFaults({ rules: [rule({ truncateBytes: 3 })] });
    await expect(f.get()).rejects.toThrow();
    expect(f.mock.journal()).toHaveLength(1);
  });

  it('hang answers nothing until the caller aborts', async () => {
    const f = front(name);
    f.mock.setFaults({ rules: [rule({ hang: true })] });
    const controller = new AbortController();
    const pending = f.get(controller.signal);
    await expect.poll(() => f.mock.journal().length).toBe(1);
    const stillPending = await Promise.race([
      pending.then(() => false, () => false),
      new Promise<boolean>((resolve) => setImmediate(() => setImmediate(() => resolve(true)))),
    ]);
    expect(stillPending).toBe(true);
    controller.abort(new Error('caller timeout'));
    // Regression (CI flake 2026-11-28): msw's getResponse clones the Request, and on Node 20
    // undici links a clone's signal to the original through a WeakRef to an AbortController
    // nothing else holds, so whether the abort reaches the handler depends on GC timing.
    // The hang itself is asserted above for every front; the abort path only where it is
    // deterministic (the server and the dispatcher own their signals).
    if (name !== 'msw') await expect(pending).rejects.toThrow();
    else pending.catch(() => undefined);
  });

  it('latency delays the answer, and an injected status comes through', async () => {
    const f = front(name);
    f.mock.setFaults({ rules: [rule({ latencyMs: 5 })] });
    await expect(f.get()).resolves.toMatchObject({ status: 200 });
    expect(f.mock.journal()[0]?.delayMs).toBe(5);
    f.mock.setFaults({ rules: [rule({ status: 503 })] });
    await expect(f.get()).resolves.toMatchObject({ status: 503 });
  });
});
