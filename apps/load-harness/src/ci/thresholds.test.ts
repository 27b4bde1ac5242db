import { describe, expect, it } from 'vitest';
import type { StrategyMetrics } from '../metrics/computeMetrics.js';
import { checkThresholds, parseThresholds } from './thresholds.js';

function metrics(name: string, over: Partial<StrategyMetrics> = {}): StrategyMetrics {
  return {
    name, attempts: 120, firstAttempts: 100, successes: 100, failures: 0, goodputRps: 10, workAmplification: 1.2, retryAmplification: 0.2,
    jain: 0.97, jainWindowMin: 0.8, minMaxRatio: 0.7, starvedClients: 0, latencyMs: { p50: 10, p99: 200, p999: 300 }, throttled: 20, failFast: 0, recoveryS: null, ...over,
  };
}

describe('checkThresholds', () => {
  it('passes when every limit holds', () => {
    expect(checkThresholds([metrics('rolecall')], { minJain: 0.9, maxWorkAmplification: 2, maxRetryAmplification: 0.5, maxP99Ms: 1000, noStarvation: true })).toEqual([]);
  });

  it('names each breached threshold with the strategy and both values', () => {
    const breaches = checkThresholds([metrics('rolecall', { jain: 0.8, starvedClients: 3, latencyMs: { p50: 1, p99: 2500, p999: 3000 } }), metrics('none', { jain: 0.1 })], {
      strategies: ['rolecall'],
      minJain: 0.9,
      maxP99Ms: 1000,
      noStarvation: true,
    });
    expect(breaches).toEqual([
      'rolecall: minJain 0.9 breached, Jain = 0.8',
      'rolecall: maxP99Ms 1000 breached, p99 = 2500 ms',
      'rolecall: noStarvation breached, 3 starved client(s)',
    ]);
  });

  it('treats "no success at all" as breaching the amplification limit, and a missing strategy as a breach', () => {
    const breaches = checkThresholds([metrics('rolecall', { workAmplification: null })], { strategies: ['rolecall', 'rolecal'], maxWorkAmplification: 3 });
    expect(breaches[0]).toContain('maxWorkAmplification 3 breached');
    expect(breaches[1]).toContain('rolecal: not in this run');
  });
});

describe('parseThresholds', () => {
  it('accepts the documented keys', () => {
    expect(parseThresholds({ minJain: 0.9, noStarvation: true, strategies: ['rolecall'] })).toEqual({ minJain: 0.9, noStarvation: true, strategies: ['rolecall'] });
  });

  it('rejects unknown keys and wrong types with a precise message', () => {
    expect(() => parseThresholds({ minJian: 0.9 })).toThrow(/unknown key "minJian"/);
    expect(() => parseThresholds({ maxP99Ms: '100' })).toThrow(/maxP99Ms must be a number/);
    expect(() => parseThresholds([])).toThrow(/expected a JSON object/);
  });
});
