import { describe, expect, it } from 'vitest';
import { createVirtualClock, sleep } from './clock.js';

describe('createVirtualClock', () => {
  it('fires timers in due order, ties in the order they were set', async () => {
    const clock = createVirtualClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b@20'), 20);
    clock.setTimeout(() => fired.push('a@10'), 10);
    clock.setTimeout(() => fired.push('c@20'), 20);
    await clock.advance(15);
    expect(fired).toEqual(['a@10']);
    expect(clock.now()).toBe(15);
    await clock.advance(5);
    expect(fired).toEqual(['a@10', 'b@20', 'c@20']);
  });

  it('runs timers set by a firing timer when they fall due within the same advance', async () => {
    const clock = createVirtualClock(0);
    const at: number[] = [];
    clock.setTimeout(() => {
      at.push(clock.now());
      clock.setTimeout(() => at.push(clock.now()), 10);
    }, 10);
    await clock.advance(30);
    expect(at).toEqual([10, 20]);
  });

  it('cancels a timer', async () => {
    const clock = createVirtualClock(0);
    let fired = false;
    const cancel = clock.setTimeout(() => (fired = true), 5);
    cancel();
    await clock.runAll();
    expect(fired).toBe(false);
    expect(clock.pending()).toBe(0);
  });
});

describe('sleep', () => {
  it('resolves after the virtual delay', async () => {
    const clock = createVirtualClock(1000);
    let done = false;
    const p = sleep(clock, 100).then(() => (done = true));
    await clock.advance(99);
    expect(done).toBe(false);
    await clock.advance(1);
    await p;
    expect(done).toBe(true);
  });

  it('rejects with the abort reason mid-sleep and leaves no timer behind', async () => {
    const clock = createVirtualClock(0);
    const controller = new AbortController();
    const p = sleep(clock, 1000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
    expect(clock.pending()).toBe(0);
  });
});
