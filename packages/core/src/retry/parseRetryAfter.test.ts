import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter, parseRetryAfterValue } from './parseRetryAfter.js';

const now = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('parseRetryAfter', () => {
  it('reads delay-seconds (the form old JS SDKs ignored)', () => {
    expect(parseRetryAfter({ 'retry-after': '2' }, now)).toBe(2000);
    expect(parseRetryAfter({ 'Retry-After': '0' }, now)).toBe(0);
    expect(parseRetryAfter(new Headers({ 'retry-after': '1.5' }), now)).toBe(1500);
  });

  it('reads an HTTP-date relative to the injected now, and a past date as 0', () => {
    expect(parseRetryAfter({ 'retry-after': new Date(now + 7_000).toUTCString() }, now)).toBe(7000);
    expect(parseRetryAfter({ 'retry-after': 'Thu, 01 Jan 2026 11:59:00 GMT' }, now)).toBe(0);
  });

  it('prefers x-amz-retry-after (ms) and falls back when it is not an integer', () => {
    expect(parseRetryAfter({ 'x-amz-retry-after': '1234', 'retry-after': '9' }, now)).toBe(1234);
    expect(parseRetryAfter({ 'x-amz-retry-after': 'soon', 'retry-after': '9' }, now)).toBe(9000);
  });

  it('returns undefined for missing or garbage values', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter({}, now)).toBeUndefined();
    expect(parseRetryAfterValue('12-5', now)).toBeUndefined();
    expect(parseRetryAfterValue('-3', now)).toBeUndefined();
    expect(parseRetryAfterValue('not a date', now)).toBeUndefined();
  });

  it('round-trips any whole number of seconds and any future date (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (s) => parseRetryAfterValue(String(s), now) === s * 1000),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (s) => parseRetryAfterValue(new Date(now + s * 1000).toUTCString(), now) === s * 1000),
    );
  });
});
