import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonBounded } from './parseJsonBounded.js';

describe('parseJsonBounded', () => {
  it('parses what JSON.parse parses within the limits', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        const text = JSON.stringify(value);
        expect(parseJsonBounded(text, 1_000_000, 8)).toEqual({ ok: true, value: JSON.parse(text) });
      }),
    );
  });

  it('refuses nesting past the limit before parsing, and ignores brackets inside strings', () => {
    expect(parseJsonBounded(`${'['.repeat(33)}${']'.repeat(33)}`)).toMatchObject({ ok: false, reason: 'depth' });
    expect(parseJsonBounded(`${'['.repeat(32)}${']'.repeat(32)}`)).toMatchObject({ ok: true });
    expect(parseJsonBounded(JSON.stringify({ a: '[[[[[[[[[[\\"[[[[' }), 1000, 2)).toMatchObject({ ok: true });
    expect(parseJsonBounded(`${'['.repeat(1_000_000)}`, 2_000_000)).toMatchObject({ ok: false, reason: 'depth' });
  });

  it('refuses more bytes than the limit, counting UTF-8', () => {
    expect(parseJsonBounded(`"${'x'.repeat(100)}"`, 50)).toMatchObject({ ok: false, reason: 'size' });
    // 30 characters, 90 bytes.
    expect(parseJsonBounded(`"${'\u20ac'.repeat(30)}"`, 60)).toMatchObject({ ok: false, reason: 'size' });
    expect(parseJsonBounded('{"a":', 100)).toMatchObject({ ok: false, reason: 'syntax' });
  });
});
