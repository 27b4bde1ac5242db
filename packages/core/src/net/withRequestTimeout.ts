import { NetworkError } from '../errors.js';
import type { Clock } from '../time/clock.js';

/** The bound on one request. @internal */
export interface RequestBound {
  readonly clock: Clock;
  readonly timeoutMs: number;
  /** The caller's abort: it ends the request too, and is never reported as a timeout. */
  readonly signal?: AbortSignal | undefined;
  /** The origin called, for the error. */
  readonly origin: string;
  /** The error's detail; default `no answer within <timeoutMs> ms`. */
  readonly detail?: string;
}

/**
 * The one request-with-timeout of the core, used by the signed client (one
 * attempt) and the metadata requests (IMDS, container): runs `run` with a
 * signal that aborts when the caller's does or when `timeoutMs` pass on the
 * injected clock (so a virtual clock drives it, and an injected dispatcher
 * without timeouts of its own is bounded too). Past the bound it fails as a
 * transient {@link NetworkError} of kind `timeout` carrying `timeoutMs`; any
 * other failure, the caller's abort included, is rethrown as it came.
 * @internal
 */
export async function withRequestTimeout<T>(bound: RequestBound, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const { clock, timeoutMs, signal: callerSignal } = bound;
  const controller = new AbortController();
  const onCallerAbort = (): void => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted === true) onCallerAbort();
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  let timedOut = false;
  const detail = bound.detail ?? `no answer within ${timeoutMs} ms`;
  const cancel = clock.setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(detail));
  }, timeoutMs);
  try {
    return await run(controller.signal);
  } catch (error) {
    if (!timedOut || callerSignal?.aborted === true) throw error;
    throw new NetworkError({ kind: 'timeout', errno: 'ETIMEDOUT', endpoint: bound.origin, detail, errorClass: 'transient', timeoutMs }, { cause: error });
  } finally {
    cancel();
    callerSignal?.removeEventListener('abort', onCallerAbort);
  }
}
