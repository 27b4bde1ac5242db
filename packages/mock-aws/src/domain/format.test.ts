import { describe, expect, it } from 'vitest';
import { imdsJson, isoSeconds, maskKey, stableId } from './format.js';

describe('imdsJson', () => {
  it('prints as EC2 metadata does: two spaces, a space on each side of the colon', () => {
    expect(imdsJson({ Code: 'Success', N: 1, Nothing: null, Nested: { A: 'b' } })).toBe('{\n  "Code" : "Success",\n  "N" : 1,\n  "Nothing" : null,\n  "Nested" : {\n    "A" : "b"\n  }\n}');
  });
  it('round-trips through JSON.parse', () => {
    const value = { a: [1, { b: 'c"d' }], e: 'ü\n' };
    expect(JSON.parse(imdsJson(value))).toEqual(value);
  });
});

describe('isoSeconds', () => {
  it('drops milliseconds', () => {
    expect(isoSeconds(Date.UTC(2026, 10, 28, 6, 0, 0, 999))).toBe('2026-11-28T06:00:00Z');
  });
});

describe('maskKey', () => {
  it('keeps the last four characters', () => {
    expect(maskKey('AKIAIOSFODNN7EXAMPLE')).toBe('****MPLE');
  });
});

describe('stableId', () => {
  it('is stable, prefixed and 17 characters of base32 after the prefix', () => {
    expect(stableId('AIPA', 'x')).toBe(stableId('AIPA', 'x'));
    expect(stableId('AIPA', 'x')).not.toBe(stableId('AIPA', 'y'));
    expect(stableId('AIPA', 'x')).toMatch(/^AIPA[A-Z2-7]{17}$/);
  });
});
