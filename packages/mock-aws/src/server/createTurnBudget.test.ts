import { describe, expect, it } from 'vitest';
import { createTurnBudget } from './createTurnBudget.js';

/** Resolves after the loop has turned once (a setImmediate queued now runs after the current drain). */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('createTurnBudget', () => {
  it('runs jobs in arrival order, at most the budget per turn, and yields between turns', async () => {
    let clockMs = 0;
    const schedule = createTurnBudget(5, () => clockMs);
    const ran: number[] = [];
    for (let i = 0; i < 10; i++) {
      schedule(() => {
        ran.push(i);
        clockMs += 2; // each job costs 2 ms: three fit in a 5 ms turn (the third crosses it)
      });
    }
    expect(ran).toEqual([]);
    await nextTurn();
    expect(ran).toEqual([0, 1, 2]);
    await nextTurn();
    expect(ran).toEqual([0, 1, 2, 3, 4, 5]);
    await nextTurn();
    await nextTurn();
    expect(ran).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('keeps taking jobs queued while it drains', async () => {
    const schedule = createTurnBudget(5, () => 0);
    const ran: string[] = [];
    schedule(() => {
      ran.push('a');
      schedule(() => ran.push('c'));
    });
    schedule(() => ran.push('b'));
    await nextTurn();
    await nextTurn();
    expect(ran).toEqual(['a', 'b', 'c']);
  });
});
