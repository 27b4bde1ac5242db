import type { Dispatcher } from 'undici';
import { NetworkError } from '../errors.js';
import type { NetworkFailureKind } from '../errors.js';
import type { Clock } from '../time/clock.js';
import { flattenHeaders, nodeHttpRequest } from '../http/nodeHttpRequest.js';

/** A plain HTTP exchange for the metadata services (IMDS, container credentials). @internal */
export interface HttpExchange {
  readonly url: string;
  readonly method: 'GET' | 'PUT';
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly clock: Clock;
  readonly dispatcher: Dispatcher | undefined;
  /** The caller's abort (the chain's deadline): cancels the request; the call rejects with its reason. */
  readonly signal?: AbortSignal | undefined;
}

/** @internal */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

function failureKind(error: unknown): { kind: NetworkFailureKind; errno: string | undefined } {
  const code = (error as { code?: unknown } | null)?.code;
  const errno = typeof code === 'string' ? code : undefined;
  if (errno === 'ECONNREFUSED' || errno === 'EHOSTUNREACH' || errno === 'ENETUNREACH' || errno === 'UND_ERR_CONNECT_TIMEOUT') return { kind: 'connect', errno };
  if (errno === 'ENOTFOUND' || errno === 'EAI_AGAIN') return { kind: 'dns', errno };
  if (errno === 'ECONNRESET' || errno === 'UND_ERR_SOCKET' || errno === 'EPIPE') return { kind: 'reset', errno };
  return { kind: 'other', errno };
}

/**
 * One request with a timeout on the injected clock (so a virtual clock can
 * drive it). The HTTP stack is loaded lazily: a process that resolves
 * credentials from env or a file never loads it.
 * @internal
 */
export async function httpRequest(exchange: HttpExchange): Promise<HttpAnswer> {
  const { signal } = exchange;
  // A function, not a property read: TS would keep the first check's narrowing across the await.
  const abortedByCaller = (): boolean => signal?.aborted === true;
  if (abortedByCaller()) throw signal?.reason;
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const cancel = exchange.clock.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, exchange.timeoutMs);
  const origin = new URL(exchange.url).origin;
  try {
    // node:http unless a Dispatcher is injected: importing undici costs more
    // than the whole metadata exchange in a fresh process (decision 0066).
    if (exchange.dispatcher === undefined) return await nodeHttpRequest({ url: exchange.url, method: exchange.method, headers: exchange.headers, signal: controller.signal });
    const { request } = await import('undici');
    const response = await request(exchange.url, { method: exchange.method, headers: exchange.headers, signal: controller.signal, dispatcher: exchange.dispatcher });
    const body = await response.body.text();
    return { status: response.statusCode, headers: flattenHeaders(response.headers), body };
  } catch (error) {
    if (abortedByCaller()) throw signal?.reason;
    if (timedOut) {
      throw new NetworkError({ kind: 'timeout', errno: 'ETIMEDOUT', endpoint: origin, detail: `no answer within ${exchange.timeoutMs} ms` }, { cause: error });
    }
    const { kind, errno } = failureKind(error);
    throw new NetworkError({ kind, errno, endpoint: origin, detail: error instanceof Error ? error.message : String(error) }, { cause: error });
  } finally {
    cancel();
    signal?.removeEventListener('abort', onAbort);
  }
}
