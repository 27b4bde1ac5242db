import type { FaultPlan, ResolvedMockConfig } from './MockConfig.js';
import type { JournalEntry, MockRequest, MockResponse } from './MockRequest.js';
import type { KeyStore } from './KeyStore.js';

/** The mock's virtual clock: it moves only when told to (control API or tests). @public */
export interface MockClock {
  /** Epoch ms. */
  now(): number;
  advance(ms: number): void;
  set(epochMs: number): void;
}

/**
 * The domain core: all state (instance, roles, credential generations, tokens,
 * identities, throttles, faults, journal, clock) and one function that answers
 * a neutral request. The MSW handlers, the node:http server and the undici
 * Dispatcher only translate to and from {@link MockRequest}.
 * @public
 */
export interface MockAws {
  readonly config: ResolvedMockConfig;
  readonly clock: MockClock;
  readonly keys: KeyStore;
  /** Answers any request: IMDS, container credentials, STS and the `/_mock/` control API. Never throws for bad input. */
  handle(request: MockRequest): Promise<MockResponse>;
  /** Every request handled since the last reset, secrets redacted. */
  journal(): readonly JournalEntry[];
  /** Replaces the fault plan (the `POST /_mock/faults` body). Throws a precise error for an invalid plan. */
  setFaults(plan: FaultPlan): void;
  /** Back to the configured state: journal emptied, tokens and generations dropped, faults and clock as configured. */
  reset(): void;
}
