import { createMockAws, mockDispatcher } from '@rolecall/mock-aws';
import type { MockConfig, MockAwsCore } from '@rolecall/mock-aws';
import { createVirtualClock } from '../src/index.js';
import type { VirtualClock } from '../src/index.js';

/** The mock in-process, and a core clock that moves with the mock's virtual clock. */
export interface Harness {
  readonly mock: MockAwsCore;
  readonly dispatcher: ReturnType<typeof mockDispatcher>;
  readonly clock: VirtualClock;
  /** Moves both clocks. */
  advance(ms: number): Promise<void>;
  /** Drives the clocks in small steps until `promise` settles (for timeouts on the virtual clock). */
  settle<T>(promise: Promise<T>, stepMs?: number, maxMs?: number): Promise<T>;
  journal(action?: string): ReturnType<MockAwsCore['journal']>;
}

export function harness(config: MockConfig = {}): Harness {
  const mock = createMockAws(config);
  const clock = createVirtualClock(mock.clock.now());
  const dispatcher = mockDispatcher(mock, {
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        const cancel = clock.setTimeout(resolve, ms);
        signal.addEventListener('abort', () => (cancel(), reject(signal.reason)), { once: true });
      }),
  });
  const advance = async (ms: number): Promise<void> => {
    mock.clock.advance(ms);
    await clock.advance(ms);
  };
  return {
    mock,
    dispatcher,
    clock,
    advance,
    async settle<T>(promise: Promise<T>, stepMs = 50, maxMs = 60_000): Promise<T> {
      let done = false;
      const watched = promise.finally(() => (done = true));
      watched.catch(() => undefined);
      for (let t = 0; !done && t < maxMs; t += stepMs) {
        for (let i = 0; i < 20 && !done; i++) await new Promise<void>((r) => setImmediate(r));
        if (!done) await advance(stepMs);
      }
      return watched;
    },
    journal: (action) => mock.journal().filter((e) => action === undefined || e.action === action),
  };
}
