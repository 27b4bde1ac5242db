import { describe, expect, it } from 'vitest';
import { createThrottles } from './createThrottles.js';

describe('createThrottles', () => {
  it('lets everything through for a service without a bucket', () => {
    const throttles = createThrottles(() => 0);
    for (let i = 0; i < 100; i++) expect(throttles.take('sts', 'a')).toBe(true);
  });

  it('refills at rps up to burst, on the injected clock', () => {
    let t = 0;
    const throttles = createThrottles(() => t);
    throttles.configure({ imds: null, sts: { rps: 2, burst: 3, per: 'service' }, container: null });
    expect([1, 2, 3, 4].map(() => throttles.take('sts', 'a'))).toEqual([true, true, true, false]);
    t = 499;
    expect(throttles.take('sts', 'b')).toBe(false);
    t = 500;
    expect(throttles.take('sts', 'c')).toBe(true);
    t = 100_000; // a long idle period refills only up to the burst
    expect([1, 2, 3, 4].map(() => throttles.take('sts', 'a'))).toEqual([true, true, true, false]);
  });

  it('does not refill when the clock is set back', () => {
    let t = 10_000;
    const throttles = createThrottles(() => t);
    throttles.configure({ imds: { rps: 1, burst: 1, per: 'client' }, sts: null, container: null });
    expect(throttles.take('imds', 'a')).toBe(true);
    t = 0;
    expect(throttles.take('imds', 'a')).toBe(false);
    t = 999;
    expect(throttles.take('imds', 'a')).toBe(false);
    t = 1000;
    expect(throttles.take('imds', 'a')).toBe(true);
  });

  it('keeps working with more clients than it keeps buckets for', () => {
    const throttles = createThrottles(() => 0);
    throttles.configure({ imds: { rps: 1, burst: 1, per: 'client' }, sts: null, container: null });
    for (let i = 0; i < 10_050; i++) expect(throttles.take('imds', `c${i}`)).toBe(true);
    expect(throttles.take('imds', 'c10049')).toBe(false);
  });
});
