import { describe, expect, it } from 'vitest';
import { sleep } from '@rolecall/core';
import { createSimClock, SIM_EPOCH_MS } from './SimClock.js';

describe('createSimClock', () => {
  it('runs async chains started by a timer before time moves on', async () => {
    const clock = createSimClock();
    const seen: string[] = [];
    const worker = async (name: string, ms: number): Promise<void> => {
      await sleep(clock, ms);
      await Promise.resolve();
      seen.push(`${name}@${clock.now() - SIM_EPOCH_MS}`);
      await sleep(clock, ms);
      seen.push(`${name}@${clock.now() - SIM_EPOCH_MS}`);
    };
    void worker('a', 10);
    void worker('b', 15);
    await clock.run();
    expect(seen).toEqual(['a@10', 'b@15', 'a@20', 'b@30']);
  });

  it('stops at the given time and cancels timers', async () => {
    const clock = createSimClock(0);
    let fired = 0;
    clock.setTimeout(() => fired++, 50);
    const cancel = clock.setTimeout(() => fired++, 60);
    clock.setTimeout(() => fired++, 200);
    cancel();
    await clock.run(100);
    expect(fired).toBe(1);
    expect(clock.now()).toBe(100);
    await clock.run();
    expect(fired).toBe(2);
  });

  it('in tracked mode moves on once the reported chains settle, and still waits for unreported timers', async () => {
    const clock = createSimClock({ startMs: 0, tracked: true });
    const seen: string[] = [];
    const step = (name: string, left: number): void => {
      clock.enter();
      // a strategy call: a promise the loop waits on before it schedules the next step
      void Promise.resolve()
        .then(() => Promise.resolve())
        .then(() => {
          clock.leave();
          seen.push(`${name}@${clock.now()}`);
          if (left > 0) clock.setTimeout(() => step(name, left - 1), 10);
        });
    };
    clock.setTimeout(() => step('a', 2), 5);
    clock.setTimeout(() => step('b', 1), 7);
    // a chain nobody reports but that is open across instants: the clock falls back to a macrotask turn
    clock.enter();
    clock.setTimeout(() => clock.leave(), 40);
    await clock.run();
    expect(seen).toEqual(['a@5', 'b@7', 'a@15', 'b@17', 'a@25']);
    expect(clock.now()).toBe(40);
  });
});
