import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from './EventQueue.js';

describe('EventQueue', () => {
  it('pops in time order, ties in insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
        const q = new EventQueue();
        const popped: Array<[number, number]> = [];
        times.forEach((t, i) => q.push(t, () => popped.push([t, i])));
        expect(q.size).toBe(times.length);
        while (q.size > 0) q.pop()?.();
        const expected = times.map((t, i) => [t, i] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(popped).toEqual(expected);
      }),
    );
  });

  it('reports the earliest due time, Infinity when empty', () => {
    const q = new EventQueue();
    expect(q.peekTime()).toBe(Infinity);
    q.push(5, () => {});
    q.push(2, () => {});
    expect(q.peekTime()).toBe(2);
    expect(q.pop()).toBeTypeOf('function');
    expect(q.peekTime()).toBe(5);
  });
});
