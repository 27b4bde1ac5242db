import type { Clock, RetryStrategy } from '@rolecall/core';
import type { ServerAnswer } from '../sim/ServerModel.js';
import { startOperation, type RecordSink } from './startOperation.js';

/** Sends one attempt for a client and reports how the server answered. @public */
export type Transport = (client: number) => Promise<ServerAnswer>;

/** @internal */
export interface DriveOptions {
  readonly client: number;
  readonly op: number;
  readonly strategy: RetryStrategy;
  readonly clock: Clock;
  /** The run's start on `clock`, epoch ms; records hold times relative to it. */
  readonly t0: number;
  readonly transport: Transport;
  readonly sink: RecordSink;
  readonly scope?: string;
  /** Ends the operation before its next attempt or during a backoff (the run's cut-off). */
  readonly signal?: AbortSignal;
}

/**
 * {@link startOperation} with a promise transport, resolving when the
 * operation ends or is cut off: the form real mode uses.
 * @internal
 */
export function driveOperation(o: DriveOptions): Promise<void> {
  return new Promise((resolve) => {
    startOperation(
      {
        ...o,
        transport: (client, receiver) => {
          void o.transport(client).then((answer) => receiver.answered(answer));
        },
      },
      o.op,
      resolve,
    );
  });
}
