import { describe, expect, it } from 'vitest';
import type { RetryStrategy } from '@rolecall/core';
import type { AttemptRecord, OpRecord } from '../types.js';
import type { ServerAnswer } from '../sim/ServerModel.js';
import { createSimClock } from '../sim/SimClock.js';
import { driveOperation } from './driveOperation.js';

/** A strategy that waits 100 ms per retry, up to `retries`, then refuses with `code`. */
function fixedStrategy(retries: number, code: string, log: string[]): RetryStrategy {
  return {
    name: 'fixed',
    acquireInitialRetryToken: async () => ({ retryCount: 0, delayMs: 0 }),
    refreshRetryTokenForRetry: async (token, error) => {
      log.push(`${error.errorClass}:${error.code ?? ''}:${error.retryAfterMs ?? '-'}`);
      if (token.retryCount >= retries) throw Object.assign(new Error('no'), { code });
      return { retryCount: token.retryCount + 1, delayMs: 100 };
    },
    recordSuccess: () => log.push('success'),
  };
}

async function drive(answers: ServerAnswer[], strategy: RetryStrategy) {
  const clock = createSimClock(0);
  const attempts: AttemptRecord[] = [];
  const ops: OpRecord[] = [];
  const transport = () => new Promise<ServerAnswer>((resolve) => clock.setTimeout(() => resolve(answers.shift() ?? { status: 200, outcome: 'ok' }), 10));
  clock.setTimeout(() => void driveOperation({ client: 3, op: 7, strategy, clock, t0: 0, transport, sink: { attempt: (a) => attempts.push(a), op: (o) => ops.push(o) } }), 5);
  await clock.run();
  return { attempts, ops };
}

describe('driveOperation', () => {
  it('retries through the token protocol and records every attempt with its delay', async () => {
    const log: string[] = [];
    const { attempts, ops } = await drive([{ status: 400, outcome: 'throttled', retryAfterMs: 2000 }, { status: 503, outcome: 'error' }], fixedStrategy(5, 'X', log));
    expect(attempts.map((a) => [a.attempt, a.start, a.end, a.status, a.delay])).toEqual([
      [0, 5, 15, 400, 0],
      [1, 115, 125, 503, 100],
      [2, 225, 235, 200, 100],
    ]);
    expect(ops).toEqual([{ client: 3, op: 7, start: 5, end: 235, outcome: 'success', attempts: 3 }]);
    expect(log).toEqual(['throttling:Throttling:2000', 'transient:Http503:-', 'success']);
  });

  it('counts a quota refusal as fail-fast and any other refusal as failed', async () => {
    const throttled: ServerAnswer = { status: 400, outcome: 'throttled' };
    const quota = await drive([throttled, throttled], fixedStrategy(1, 'ERR_ROLECALL_RETRY_QUOTA_EXHAUSTED', []));
    expect(quota.ops[0]).toMatchObject({ outcome: 'fail-fast', attempts: 2 });
    const exhausted = await drive([throttled, throttled], fixedStrategy(1, 'ERR_ROLECALL_RETRY_ATTEMPTS_EXHAUSTED', []));
    expect(exhausted.ops[0]).toMatchObject({ outcome: 'failed', attempts: 2 });
  });

  it('classifies a 4xx that is not a throttle as non-retryable', async () => {
    const log: string[] = [];
    await drive([{ status: 403, outcome: 'error' }], fixedStrategy(0, 'X', log));
    expect(log).toEqual(['non-retryable:Http403:-']);
  });
});
