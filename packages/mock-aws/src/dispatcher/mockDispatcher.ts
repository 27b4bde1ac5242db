import { Dispatcher, errors } from 'undici';
import type { IncomingHttpHeaders } from 'undici/types/header.js';
import type { MockAws } from '../domain/MockAws.js';
import type { MockRequest, MockResponse } from '../domain/MockRequest.js';
import { CLIENT_HEADER, addHeader, bodyBytes, isBodylessStatus } from '../server/wire.js';
import { UnmockedOriginError } from './UnmockedOriginError.js';

/** Options of {@link mockDispatcher}. @public */
export interface MockDispatcherOptions {
  /**
   * Origins the dispatcher answers for, e.g. `['http://169.254.169.254']`.
   * Requests to any other origin fail with {@link UnmockedOriginError}, so a
   * test never reaches the network by mistake. Default: every origin.
   */
  readonly origins?: readonly string[];
  /**
   * Waits out injected latency (`delayMs`). Default: real timers. Pass one
   * driven by a virtual clock to keep latency faults instant in tests; it must
   * reject or resolve when `signal` aborts.
   */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

type Handler = Dispatcher.DispatchHandler;
type Controller = Dispatcher.DispatchController;

/**
 * An undici `Dispatcher` that answers from the mock in-process, with no
 * socket. undici's own requests bypass MSW's interception, so this is how
 * code built on undici (the core) reaches the fake AWS in tests:
 * `request(url, { dispatcher })`, `fetch(url, { dispatcher })` or
 * `setGlobalDispatcher`. Fault deliveries behave as on a socket: `hang`
 * waits until the request is aborted, `reset` fails with a `SocketError`
 * (`UND_ERR_SOCKET`, cause `ECONNRESET`), `truncate` delivers part of the
 * body and then fails the same way. `close()` refuses new requests (with
 * undici's `ClientClosedError`); `destroy()` also fails those in flight,
 * hung ones included. Works with `compose()` interceptors like any dispatcher.
 *
 * @example
 * ```ts
 * const dispatcher = mockDispatcher(createMockAws());
 * const res = await request('http://169.254.169.254/latest/api/token', {
 *   method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' }, dispatcher,
 * });
 * ```
 * @public
 */
export function mockDispatcher(mock: MockAws, options: MockDispatcherOptions = {}): Dispatcher {
  return new MockDispatcher(mock, options);
}

class MockDispatcher extends Dispatcher {
  readonly #mock: MockAws;
  readonly #origins: ReadonlySet<string> | undefined;
  readonly #sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly #pending = new Set<RequestController>();
  #closed = false;

  constructor(mock: MockAws, options: MockDispatcherOptions) {
    super();
    this.#mock = mock;
    this.#origins = options.origins === undefined ? undefined : new Set(options.origins.map((o) => new URL(o).origin));
    this.#sleep = options.sleep ?? realSleep;
  }

  override dispatch(opts: Dispatcher.DispatchOptions, handler: Handler): boolean {
    const controller = new RequestController();
    this.#pending.add(controller);
    void this.#run(opts, handler, controller).finally(() => this.#pending.delete(controller));
    return true;
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    this.#closed = true;
    if (callback === undefined) return Promise.resolve();
    queueMicrotask(callback);
  }

  override destroy(): Promise<void>;
  override destroy(err: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null, callback: () => void): void;
  override destroy(errOrCallback?: Error | null | (() => void), callback?: () => void): Promise<void> | void {
    this.#closed = true;
    const reason = errOrCallback instanceof Error ? errOrCallback : new errors.ClientDestroyedError();
    for (const controller of this.#pending) controller.abort(reason);
    const done = typeof errOrCallback === 'function' ? errOrCallback : callback;
    if (done === undefined) return Promise.resolve();
    queueMicrotask(done);
  }

  async #run(opts: Dispatcher.DispatchOptions, handler: Handler, controller: RequestController): Promise<void> {
    try {
      handler.onRequestStart?.(controller, {});
      if (this.#closed) throw new errors.ClientClosedError();
      const origin = opts.origin === undefined ? '' : new URL(String(opts.origin)).origin;
      if (this.#origins !== undefined && !this.#origins.has(origin)) throw new UnmockedOriginError(origin, [...this.#origins]);

      const body = await controller.race(readBody(opts.body));
      const request = toMockRequest(opts, origin, body);
      const response = await controller.race(this.#mock.handle(request));
      const delayMs = response.delayMs ?? 0;
      if (delayMs > 0) await controller.race(this.#sleep(delayMs, controller.signal));

      const delivery = response.delivery ?? { kind: 'normal' };
      if (delivery.kind === 'hang') {
        await controller.race(new Promise<never>(() => undefined));
        return;
      }
      if (delivery.kind === 'reset') throw connectionReset();

      const bytes = isBodylessStatus(response.status) || opts.method === 'HEAD' ? Buffer.alloc(0) : bodyBytes(response.body);
      handler.onResponseStart?.(controller, response.status, responseHeaders(response, bytes.length), statusText(response.status));
      if (delivery.kind === 'truncate') {
        const part = bytes.subarray(0, Math.max(0, Math.min(delivery.bytes, bytes.length - 1)));
        await controller.race(controller.whenResumed());
        if (part.length > 0) handler.onResponseData?.(controller, part);
        throw connectionReset();
      }
      await controller.race(controller.whenResumed());
      if (bytes.length > 0) handler.onResponseData?.(controller, bytes);
      await controller.race(controller.whenResumed());
      handler.onResponseEnd?.(controller, {});
    } catch (error) {
      const reason = controller.aborted && controller.reason !== null ? controller.reason : asError(error);
      handler.onResponseError?.(controller, reason);
    }
  }
}

/** Reads any body undici accepts in `dispatch` options into one buffer. */
async function readBody(body: Dispatcher.DispatchOptions['body'] | Iterable<unknown> | AsyncIterable<unknown>): Promise<Uint8Array> {
  if (body === null || body === undefined) return new Uint8Array(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function' || typeof (body as Iterable<unknown>)[Symbol.iterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<unknown>) chunks.push(toChunk(chunk));
    return Buffer.concat(chunks);
  }
  throw new errors.InvalidArgumentError('the mock dispatcher reads string, Buffer, Uint8Array, iterable or stream bodies; convert FormData or Blob bodies first');
}

function toChunk(chunk: unknown): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new errors.InvalidArgumentError(`the mock dispatcher cannot read a body chunk of type ${typeof chunk}`);
}

function toMockRequest(opts: Dispatcher.DispatchOptions, origin: string, body: Uint8Array): MockRequest {
  const headers = normalizeHeaders(opts.headers);
  const host = headers.host ?? (origin === '' ? 'localhost' : new URL(origin).host);
  const method = String(opts.method).toUpperCase();
  // What undici would add on a socket, so the core sees the same headers on every front.
  headers.host ??= host;
  if (headers['content-length'] === undefined && headers['transfer-encoding'] === undefined && (body.length > 0 || !BODYLESS_METHODS.has(method))) {
    headers['content-length'] = String(body.length);
  }
  return {
    method,
    path: withQuery(opts.path, opts.query),
    headers,
    body,
    client: headers[CLIENT_HEADER] ?? 'dispatcher',
    host,
  };
}

const BODYLESS_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'DELETE']);

function withQuery(path: string, query: Record<string, unknown> | undefined): string {
  if (query === undefined) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.append(key, String(value));
  const search = params.toString();
  return search === '' ? path : `${path}${path.includes('?') ? '&' : '?'}${search}`;
}

function normalizeHeaders(input: Dispatcher.DispatchOptions['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (input === null || input === undefined) return out;
  const add = (name: unknown, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) for (const v of value) addHeader(out, String(name), String(v));
    else addHeader(out, String(name), String(value));
  };
  if (Array.isArray(input)) {
    // undici's flat form: [name, value, name, value, ...]
    for (let i = 0; i + 1 < input.length; i += 2) add(input[i], input[i + 1]);
  } else if (typeof (input as Iterable<unknown>)[Symbol.iterator] === 'function') {
    for (const entry of input as Iterable<[string, string | string[] | undefined]>) add(entry[0], entry[1]);
  } else {
    for (const [name, value] of Object.entries(input)) add(name, value);
  }
  return out;
}

function responseHeaders(response: MockResponse, length: number): IncomingHttpHeaders {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) headers[name.toLowerCase()] = value;
  headers['content-length'] = String(length);
  return headers;
}

function statusText(status: number): string {
  return STATUS_TEXT[status] ?? '';
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 413: 'Payload Too Large', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

function connectionReset(): Error {
  const error = new errors.SocketError('other side closed');
  Object.defineProperty(error, 'cause', {
    value: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104, syscall: 'read' }),
    enumerable: false,
  });
  return error;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function realSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The dispatch controller handed to the handler: it can abort the request
 * (the consumer's signal, a destroyed body stream) and pause delivery
 * (backpressure). Every await in `#run` races against its abort.
 */
class RequestController implements Controller {
  readonly #abort = new AbortController();
  #paused = false;
  #resumeWaiters: (() => void)[] = [];
  rawHeaders: Buffer[] | null = null;
  rawTrailers: Buffer[] | null = null;

  get aborted(): boolean {
    return this.#abort.signal.aborted;
  }
  get paused(): boolean {
    return this.#paused;
  }
  get reason(): Error | null {
    return this.aborted ? asError(this.#abort.signal.reason) : null;
  }
  get signal(): AbortSignal {
    return this.#abort.signal;
  }
  abort(reason?: Error): void {
    if (!this.aborted) this.#abort.abort(reason ?? new errors.RequestAbortedError());
  }
  pause(): void {
    this.#paused = true;
  }
  resume(): void {
    this.#paused = false;
    const waiters = this.#resumeWaiters;
    this.#resumeWaiters = [];
    for (const wake of waiters) wake();
  }
  whenResumed(): Promise<void> {
    return this.#paused ? new Promise<void>((resolve) => this.#resumeWaiters.push(resolve)) : Promise.resolve();
  }
  /** Settles with `promise`, or rejects with the abort reason as soon as the request is aborted. */
  race<T>(promise: Promise<T>): Promise<T> {
    const signal = this.#abort.signal;
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }
}
