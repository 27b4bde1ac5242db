import { describe, expect, it } from 'vitest';
import { createServerModel } from './ServerModel.js';

describe('createServerModel', () => {
  it('serves a burst, then C per second', () => {
    const server = createServerModel({ capacityRps: 10, burst: 5, rejectCost: 0 });
    const first = Array.from({ length: 7 }, () => server.handle(0, 1).outcome);
    expect(first).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'throttled', 'throttled']);
    // 100 ms later one token has refilled
    expect(server.handle(100, 1).outcome).toBe('ok');
    expect(server.handle(100, 1)).toEqual({ status: 400, outcome: 'throttled' });
  });

  it('charges rejected work, down to one burst of debt', () => {
    const server = createServerModel({ capacityRps: 10, burst: 2, rejectCost: 1 });
    server.handle(0, 0);
    server.handle(0, 0); // bucket empty
    for (let i = 0; i < 10; i++) server.handle(0, 0); // debt floors at −2
    // 300 ms refills 3 tokens: −2 → 1, so exactly one more request is served
    expect(server.handle(300, 0).outcome).toBe('ok');
    expect(server.handle(300, 0).outcome).toBe('throttled');
  });

  it('answers outages and broken clients with 503, and sends a Retry-After hint on throttles', () => {
    const server = createServerModel({ capacityRps: 1, burst: 1, rejectCost: 0, retryAfterS: 2, outages: [{ fromS: 1, untilS: 2, status: 503 }], brokenClients: 1 });
    expect(server.handle(0, 0)).toEqual({ status: 503, outcome: 'error' });
    expect(server.handle(0, 1).outcome).toBe('ok');
    expect(server.handle(0, 1)).toEqual({ status: 400, outcome: 'throttled', retryAfterMs: 2000 });
    expect(server.handle(1500, 1)).toEqual({ status: 503, outcome: 'error' });
  });
});
