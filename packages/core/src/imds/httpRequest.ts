import type { Dispatcher } from 'undici';
import { toNetworkError } from '../net/networkFailure.js';
import { withRequestTimeout } from '../net/withRequestTimeout.js';
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
  const origin = new URL(exchange.url).origin;
  try {
    return await withRequestTimeout({ clock: exchange.clock, timeoutMs: exchange.timeoutMs, signal, origin }, async (bounded) => {
      // node:http unless a Dispatcher is injected: importing undici costs more
      // than the whole metadata exchange in a fresh process (decision 0066).
      if (exchange.dispatcher === undefined) return await nodeHttpRequest({ url: exchange.url, method: exchange.method, headers: exchange.headers, signal: bounded });
      const { request } = await import('undici');
      const response = await request(exchange.url, { method: exchange.method, headers: exchange.headers, signal: bounded, dispatcher: exchange.dispatcher });
      const body = await response.body.text();
      return { status: response.statusCode, headers: flattenHeaders(response.headers), body };
    });
  } catch (error) {
    if (abortedByCaller()) throw signal?.reason;
    throw toNetworkError(error, origin);
  }
}
