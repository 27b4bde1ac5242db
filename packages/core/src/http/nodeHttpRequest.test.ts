import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenHeaders, rawHeadersToRecord } from './nodeHttpRequest.js';

describe('rawHeadersToRecord', () => {
  it('lower-cases names and joins repeated values with ", " in arrival order', () => {
    expect(rawHeadersToRecord(['X-Amzn-RequestId', 'r-1', 'Date', 'Sat, 05 Dec 2026 09:00:00 GMT', 'Set-Cookie', 'a=1', 'set-cookie', 'b=2'])).toEqual({
      'x-amzn-requestid': 'r-1',
      date: 'Sat, 05 Dec 2026 09:00:00 GMT',
      'set-cookie': 'a=1, b=2',
    });
  });

  it('never sets the prototype from a header named __proto__', () => {
    const headers = rawHeadersToRecord(['__proto__', 'x', 'a', 'b']);
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
    expect(headers).toEqual({ a: 'b' });
  });

  it('agrees with flattening the grouped headers (what undici gives)', () => {
    const name = fc.constantFrom('Date', 'date', 'X-Amzn-RequestId', 'Content-Type', 'Set-Cookie', 'set-cookie', 'Retry-After');
    fc.assert(
      fc.property(fc.array(fc.tuple(name, fc.string()), { maxLength: 8 }), (pairs) => {
        const grouped: Record<string, string[]> = {};
        for (const [k, v] of pairs) (grouped[k.toLowerCase()] ??= []).push(v);
        expect(rawHeadersToRecord(pairs.flat())).toEqual(flattenHeaders(grouped));
      }),
    );
  });
});
