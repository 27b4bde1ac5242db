import { NetworkError } from '../errors.js';
import type { NetworkFailureKind } from '../errors.js';

/**
 * The one table of socket, DNS and undici codes: what kind of failure each
 * is and whether re-sending may help. The signed client's transport, the
 * metadata services (IMDS, container) and the retry engine's classifier all
 * read it, so one code never means two things (docs/decisions/0104).
 */
export interface NetworkFailureEntry {
  readonly kind: NetworkFailureKind;
  /** `false`: the same request cannot succeed on a re-send (NXDOMAIN; Go agrees). */
  readonly retryable: boolean;
}

const entry = (kind: NetworkFailureKind, retryable = true): NetworkFailureEntry => ({ kind, retryable });

/** @internal */
export const NETWORK_FAILURES: ReadonlyMap<string, NetworkFailureEntry> = new Map([
  ['ECONNREFUSED', entry('connect')],
  ['EHOSTUNREACH', entry('connect')],
  ['ENETUNREACH', entry('connect')],
  ['EHOSTDOWN', entry('connect')],
  ['ENETDOWN', entry('connect')],
  ['UND_ERR_CONNECT_TIMEOUT', entry('timeout')],
  ['UND_ERR_HEADERS_TIMEOUT', entry('timeout')],
  ['UND_ERR_BODY_TIMEOUT', entry('timeout')],
  ['ETIMEDOUT', entry('timeout')],
  ['ENOTFOUND', entry('dns', false)],
  ['EAI_AGAIN', entry('dns')],
  ['ECONNRESET', entry('reset')],
  ['EPIPE', entry('reset')],
  ['ECONNABORTED', entry('reset')],
  ['UND_ERR_SOCKET', entry('reset')],
  ['UND_ERR_CLOSED', entry('reset')],
  ['ERR_HTTP2_STREAM_ERROR', entry('reset')],
  ['REFUSED_STREAM', entry('reset')],
  ['UND_ERR_ABORTED', entry('aborted', false)],
  ['ABORT_ERR', entry('aborted', false)],
]);

/**
 * The most specific socket or undici code along the `cause` chain (undici
 * wraps the socket's error: `UND_ERR_SOCKET` with a cause `ECONNRESET`).
 * @internal
 */
export function networkCodeOf(error: unknown): string | undefined {
  let found: string | undefined;
  let current = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (found === undefined || found.startsWith('UND_ERR_SOCKET'))) found = code;
    current = (current as { cause?: unknown }).cause;
  }
  return found;
}

/**
 * A failure below HTTP as a {@link NetworkError}: its kind and retryability
 * from the table, `aborted` when the caller's signal fired.
 * @internal
 */
export function toNetworkError(error: unknown, origin: string, signal?: AbortSignal): NetworkError {
  if (error instanceof NetworkError) return error;
  const aborted = signal?.aborted === true || (error instanceof Error && error.name === 'AbortError');
  const errno = networkCodeOf(error);
  const known = errno === undefined ? undefined : NETWORK_FAILURES.get(errno);
  const kind: NetworkFailureKind = aborted ? 'aborted' : (known?.kind ?? 'other');
  const detail = error instanceof Error ? error.message : String(error);
  const errorClass = aborted || known?.retryable === false ? 'non-retryable' : 'transient';
  return new NetworkError({ kind, errno, endpoint: origin, detail, errorClass }, { cause: error });
}
