/**
 * Runs jobs in arrival order, spending at most `budgetMs` of synchronous work
 * per event-loop turn, then yielding (setImmediate) so the loop polls again.
 *
 * Why (docs/decisions/0096): libuv accepts one pending connection per turn of
 * the loop. When every turn reads hundreds of sockets and verifies a SigV4
 * signature for each, a turn lasts hundreds of milliseconds and new
 * connections wait in the kernel's queue for tens of seconds: at 1000
 * connections on signed STS, a fifth were never answered. Bounding the work
 * per turn keeps turns short, so connections are accepted while the work
 * queue drains, first come, first served.
 * @internal
 */
export function createTurnBudget(budgetMs: number, now: () => number = performance.now.bind(performance)): (job: () => void) => void {
  let queue: (() => void)[] = [];
  let head = 0;
  let scheduled = false;

  const drain = (): void => {
    scheduled = false;
    const endMs = now() + budgetMs;
    while (head < queue.length) {
      const job = queue[head] as () => void;
      head++;
      job();
      if (now() >= endMs) break;
    }
    if (head === queue.length) {
      queue = [];
      head = 0;
    } else {
      // Cut the done prefix once it is as long as what waits: amortized O(1).
      if (head * 2 >= queue.length) {
        queue = queue.slice(head);
        head = 0;
      }
      scheduled = true;
      setImmediate(drain);
    }
  };

  return (job) => {
    queue.push(job);
    if (!scheduled) {
      scheduled = true;
      setImmediate(drain);
    }
  };
}
