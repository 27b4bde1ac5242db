import type { AwsClient } from '@rolecall/core';

/**
 * The harness's data model. Every run, simulated or real, produces the same
 * two streams of records: one per attempt (what the server saw) and one per
 * operation (what the caller saw). Metrics are computed afterwards from these
 * alone, so both modes are measured by the same code.
 */

/** How an attempt ended. @public */
export type AttemptOutcome = 'ok' | 'throttled' | 'error';

/** One attempt: a request that reached (or tried to reach) the server. Times in ms from the run's start. @public */
export interface AttemptRecord {
  readonly client: number;
  readonly op: number;
  /** 0 for the first attempt, 1 for the first retry ... */
  readonly attempt: number;
  readonly start: number;
  readonly end: number;
  /** HTTP status, or 0 when no response came (socket error, timeout). */
  readonly status: number;
  readonly outcome: AttemptOutcome;
  /** The backoff slept before this attempt, ms. */
  readonly delay: number;
}

/** How an operation ended, from the caller's side. @public */
export type OpOutcome = 'success' | 'failed' | 'fail-fast';

/**
 * One operation: arrival, every attempt, and the end. `fail-fast` means the
 * strategy refused a retry without sleeping (a drained quota) after at least
 * one failed attempt, or refused even the first attempt.
 * @public
 */
export interface OpRecord {
  readonly client: number;
  readonly op: number;
  /** Arrival time, ms from the run's start. */
  readonly start: number;
  /** When the caller got its answer (success or give-up), ms from the run's start. */
  readonly end: number;
  readonly outcome: OpOutcome;
  readonly attempts: number;
}

/** Everything one strategy's run produced. @public */
export interface RunRecords {
  readonly strategy: string;
  readonly clients: number;
  readonly durationMs: number;
  readonly attempts: readonly AttemptRecord[];
  readonly ops: readonly OpRecord[];
  /** Clients' demand weights (E3 skew); absent means equal. */
  readonly weights?: readonly number[];
}

/** A phase of offered load: from `atS` on, clients together offer `loadFactor` × capacity. @public */
export interface LoadPhase {
  readonly atS: number;
  readonly loadFactor: number;
}

/** A window in which the server answers every request with an error (E5 outage). @public */
export interface OutageWindow {
  readonly fromS: number;
  readonly untilS: number;
  readonly status: number;
}

/**
 * A scenario: who calls, how often, against what server. Shared by both modes.
 * @public
 */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly clients: number;
  readonly durationS: number;
  /** Server capacity C, successful requests per second. */
  readonly capacityRps: number;
  /** Token bucket burst B. */
  readonly burst: number;
  /** Capacity a rejected request still costs (ε), in requests. */
  readonly rejectCost: number;
  /** Offered load over time as a multiple of capacity; the first phase starts at 0. */
  readonly phases: readonly LoadPhase[];
  /** Per-client demand weights (E3 skew); default equal. */
  readonly weights?: readonly number[];
  /** Server `Retry-After` hint on every throttle, seconds (E4). */
  readonly retryAfterS?: number;
  readonly outages?: readonly OutageWindow[];
  /** Clients 0 .. k−1 get 503 on every attempt (E6: a few broken callers draining a shared quota). */
  readonly brokenClients?: number;
  /** How strategy instances share state: one per client (default), or one shared by all. */
  readonly quotaScope?: 'client' | 'shared' | 'fair-share';
  /** The window [fromS, untilS) of an overload trigger whose recovery is measured (E2). */
  readonly trigger?: { readonly fromS: number; readonly untilS: number };
  readonly strategies: readonly string[];
  /**
   * Real mode: your own client code for one attempt, instead of STS
   * GetCallerIdentity. It gets the client's signed core client (pointed at the
   * mock, one attempt per call: the harness's loop does the retrying) and the
   * client's index; it should throw the core's errors on failure.
   */
  readonly call?: (client: AwsClient, index: number) => Promise<unknown>;
  /** Options passed to every strategy factory (e.g. `{ maxAttempts: 3 }`). */
  readonly strategyOptions?: Readonly<Record<string, unknown>>;
}
