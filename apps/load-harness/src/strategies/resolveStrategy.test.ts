import { describe, expect, it } from 'vitest';
import { createVirtualClock, seededRandom, type ObservableRetryStrategy } from '@rolecall/core';
import { resolveSimStrategy } from './resolveStrategy.js';
import { classifyRefusal } from './StrategySource.js';

const ctx = (client: number) => ({ client, clock: createVirtualClock(), random: seededRandom(client) });

describe('resolveSimStrategy', () => {
  it('gives each client its own budget (rolecall) or quota (aws-standard) by default, one shared quota with @shared', () => {
    const own = resolveSimStrategy('rolecall', { clients: 2 });
    const a = own.create(ctx(0)) as ObservableRetryStrategy;
    const b = own.create(ctx(1)) as ObservableRetryStrategy;
    expect(a.budget).toBeDefined();
    expect(a.budget).not.toBe(b.budget);
    expect(a.quota).toBeUndefined();
    const aws = resolveSimStrategy('aws-standard', { clients: 2 });
    const e = aws.create(ctx(0)) as ObservableRetryStrategy;
    const f = aws.create(ctx(1)) as ObservableRetryStrategy;
    expect(e.quota).toBeDefined();
    expect(e.quota).not.toBe(f.quota);
    const shared = resolveSimStrategy('rolecall', { clients: 2, scope: 'shared' });
    const c = shared.create(ctx(0)) as ObservableRetryStrategy;
    const d = shared.create(ctx(1)) as ObservableRetryStrategy;
    expect(c.quota).toBe(d.quota);
    expect(c.quota?.tryWithdraw(100)).toBe(true);
    expect(d.quota?.available).toBe(400);
  });

  it('caps each client at its share with @fair-share', () => {
    const fair = resolveSimStrategy('aws-standard', { clients: 4, scope: 'fair-share' });
    const a = fair.create(ctx(0)) as ObservableRetryStrategy;
    const b = fair.create(ctx(1)) as ObservableRetryStrategy;
    expect(a.quota?.capacity).toBe(125);
    expect(a.quota?.tryWithdraw(125)).toBe(true);
    expect(a.quota?.tryWithdraw(1)).toBe(false);
    expect(b.quota?.tryWithdraw(125)).toBe(true);
  });

  it('models undici: 500 ms × 2^n without jitter, Retry-After as given, 5 retries', async () => {
    const undici = resolveSimStrategy('undici-retry', { clients: 1 }).create(ctx(0));
    let token = await undici.acquireInitialRetryToken();
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      token = await undici.refreshRetryTokenForRetry(token, { errorClass: 'throttling' });
      delays.push(token.delayMs);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000]);
    await expect(undici.refreshRetryTokenForRetry(token, { errorClass: 'throttling' })).rejects.toThrow(/gave up/);
    const hinted = await undici.refreshRetryTokenForRetry({ retryCount: 0, delayMs: 0 }, { errorClass: 'throttling', retryAfterMs: 2000 });
    expect(hinted.delayMs).toBe(2000);
  });

  it('refuses smithy-standard and unknown names in simulation, saying why', () => {
    expect(() => resolveSimStrategy('smithy-standard', { clients: 1 })).toThrow(/real mode only/);
    expect(() => resolveSimStrategy('fulljitter', { clients: 1 })).toThrow(/Unknown strategy for the simulation: "fulljitter"/);
  });
});

describe('classifyRefusal', () => {
  it('reads quota refusals from the stable code', () => {
    expect(classifyRefusal({ code: 'ERR_ROLECALL_RETRY_QUOTA_EXHAUSTED' })).toBe('fail-fast');
    expect(classifyRefusal({ code: 'ERR_ROLECALL_RETRY_BUDGET_EXHAUSTED' })).toBe('fail-fast');
    expect(classifyRefusal({ code: 'ERR_ROLECALL_RETRY_ATTEMPTS_EXHAUSTED' })).toBe('failed');
    expect(classifyRefusal(new Error('x'))).toBe('failed');
  });
});
