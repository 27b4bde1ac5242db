import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RetryAttemptsExhaustedError, RetryQuotaExhaustedError, RolecallError } from './errors.js';

describe('retry refusals build their message when it is read', () => {
  const refusal = (): RetryQuotaExhaustedError =>
    new RetryQuotaExhaustedError({ attempts: 2, totalDelayMs: 300, lastErrorCode: 'Throttling', retryCost: 1, quotaAvailable: 0.4567, retryAfterMs: 900, limit: 'budget' });

  it('reads like an eager message: text, toString, stack header, inspect', () => {
    const error = refusal();
    expect(error.message).toBe(
      'Retry refused after 2 attempt(s): the retry budget has 0.45 retr(ies) left, a retry needs 1; the last error Throttling was retryable. ' +
        'Too many calls from this client are failing: this is a client-side circuit breaker, not a server error. Reduce the call rate; the budget refills with every new call and with time.',
    );
    expect(String(error)).toBe(`RetryQuotaExhaustedError: ${error.message}`);
    expect(refusal().stack?.split('\n')[0]).toBe(`RetryQuotaExhaustedError: ${error.message}`);
    expect(inspect(refusal())).toContain(error.message);
    expect(error).toMatchObject({ code: 'ERR_ROLECALL_RETRY_QUOTA_EXHAUSTED', attempts: 2, retryCost: 1, quotaAvailable: 0.4567, limit: 'budget' });
    expect(error).toBeInstanceOf(RolecallError);
  });

  it('keeps the message own and non-enumerable once read, and lets it be replaced', () => {
    const error = new RetryAttemptsExhaustedError({ attempts: 3, maxAttempts: 3, totalDelayMs: 120, lastErrorCode: '503' });
    expect(Object.keys(error)).not.toContain('message');
    const text = error.message;
    expect(text).toMatch(/^Gave up after 3 of 3 attempts \(120 ms of backoff\); the last error 503 was retryable\./);
    expect(Object.getOwnPropertyDescriptor(error, 'message')).toEqual({ value: text, writable: true, enumerable: false, configurable: true });
    error.message = 'replaced';
    expect(error.message).toBe('replaced');
  });

  it('leaves eager messages as they were', () => {
    const error = new RolecallError('ERR_ROLECALL_TEST', 'plain');
    expect(Object.getOwnPropertyDescriptor(error, 'message')?.value).toBe('plain');
  });
});
