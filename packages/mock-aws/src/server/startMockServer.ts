import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { MockAws } from '../domain/MockAws.js';
import type { Delivery, MockRequest, MockResponse } from '../domain/MockRequest.js';
import { type ControlGuard, createControlGuard, isLoopbackHost } from './controlGuard.js';
import { createTurnBudget } from './createTurnBudget.js';
import { NonLoopbackHostError } from './NonLoopbackHostError.js';
import { PortInUseError } from './PortInUseError.js';
import { CLIENT_HEADER, bodyBytes, isBodylessStatus } from './wire.js';

/** Options of {@link startMockServer}. @public */
export interface MockServerOptions {
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to bind; loopback by default, so the fake AWS is never reachable from the network. */
  readonly host?: string;
  /** Aborting it closes the server, as `close()` does. */
  readonly signal?: AbortSignal;
  /** Largest request body accepted, in bytes (default 256 KiB); beyond it the answer is 413 and the server keeps serving. */
  readonly maxBodyBytes?: number;
  /** How long a client may take, with production defaults (docs/decisions/0092); tests make them small. */
  readonly timeouts?: MockServerTimeouts;
  /**
   * Bind a non-loopback `host` (`0.0.0.0`, `::`, a LAN address). Without it
   * such a host throws {@link NonLoopbackHostError}. With it the control API
   * answers only requests that carry the control token (docs/decisions/0093).
   */
  readonly allowNonLoopback?: boolean;
  /**
   * The bearer token `/_mock/` requests must carry (`Authorization: Bearer
   * TOKEN`). Default: none on loopback, a fresh random one otherwise.
   */
  readonly controlToken?: string;
  /** Length of the kernel's queue of connections not yet accepted (default 4096, capped by the system's somaxconn). */
  readonly backlog?: number;
}

/** Server timeouts, in milliseconds. @public */
export interface MockServerTimeouts {
  /** Time to receive a whole request, headers and body (default 30 000). An answer the mock holds back (a `hang` fault) is not cut. */
  readonly requestMs?: number;
  /** Time to receive the request headers (default 10 000; at most `requestMs`). */
  readonly headersMs?: number;
  /** How long an idle keep-alive connection stays open (default 5 000, Node's own). */
  readonly keepAliveMs?: number;
  /** How often the request and header timeouts are checked (default 1 000). */
  readonly checkIntervalMs?: number;
}

/** A running loopback server. @public */
export interface MockServer {
  /** `http://HOST:PORT`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /**
   * The variables that point the AWS CLI and SDKs at this server:
   * `AWS_EC2_METADATA_SERVICE_ENDPOINT`, `AWS_ENDPOINT_URL_STS`,
   * `AWS_ENDPOINT_URL_IAM` (the IAM Query subset), and, when the
   * container endpoint is enabled, `AWS_CONTAINER_CREDENTIALS_FULL_URI` and
   * `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
   */
  readonly exports: Readonly<Record<string, string>>;
  /** The bearer token the control API requires, or null when it needs none (loopback without a token). */
  readonly controlToken: string | null;
  /** Stops listening and drops every connection, idle, delayed or hung. Safe to call twice. */
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 256 * 1024;
/** Production limits (docs/decisions/0092). */
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 5_000;
const DEFAULT_CHECK_INTERVAL_MS = 1_000;
/** Node's default, stated: no AWS client sends more than a few KiB of headers. */
const MAX_HEADER_BYTES = 16 * 1024;
const MAX_HEADERS_COUNT = 100;
/** Enough that 1000 connections opened at once all wait in the kernel's queue rather than being dropped (docs/decisions/0096). */
const DEFAULT_BACKLOG = 4096;
/** Synchronous work (mostly SigV4 verification) per event-loop turn before the loop polls and accepts again (decision 0096). */
const WORK_PER_TURN_MS = 5;

/**
 * Serves the mock over `node:http`: IMDS, STS, container credentials and the
 * `/_mock/` control API on one port. Built for speed: the request is read into
 * Buffer chunks and handed to {@link MockAws.handle} without Fetch objects.
 * Fault deliveries are honoured on the socket: `hang` keeps it open without an
 * answer until `close()`, `reset` destroys it, `truncate` announces the full
 * Content-Length, sends part of the body and destroys it.
 *
 * Built to be left running: production timeouts (decision 0092), a control
 * API that answers only its own address and, beyond loopback, a bearer token
 * (decision 0093), and signed requests answered within a per-turn work budget
 * so new connections keep being accepted under load (decision 0096).
 *
 * @example
 * ```ts
 * const server = await startMockServer(createMockAws(), { port: 0 });
 * // server.exports.AWS_EC2_METADATA_SERVICE_ENDPOINT === `${server.url}/`
 * await server.close();
 * ```
 * @throws {@link PortInUseError} when the port is taken.
 * @public
 */
export async function startMockServer(mock: MockAws, options: MockServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  const requestedPort = options.port ?? 0;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const loopback = isLoopbackHost(host);
  if (!loopback && options.allowNonLoopback !== true) throw new NonLoopbackHostError(host);
  const controlToken = options.controlToken ?? (loopback ? null : randomBytes(24).toString('base64url'));
  const requestMs = options.timeouts?.requestMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const timers = new Set<NodeJS.Timeout>();
  const schedule = createTurnBudget(WORK_PER_TURN_MS);
  let guard: ControlGuard | undefined;

  const server = createServer(
    {
      keepAlive: true,
      requestTimeout: requestMs,
      headersTimeout: Math.min(options.timeouts?.headersMs ?? DEFAULT_HEADERS_TIMEOUT_MS, requestMs),
      keepAliveTimeout: options.timeouts?.keepAliveMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
      connectionsCheckingInterval: options.timeouts?.checkIntervalMs ?? DEFAULT_CHECK_INTERVAL_MS,
      maxHeaderSize: MAX_HEADER_BYTES,
    },
    (req, res) => {
      try {
        serve(mock, req, res, maxBodyBytes, timers, guard, schedule);
      } catch (error) {
        writeInternalError(res, error);
      }
    },
  );
  server.maxHeadersCount = MAX_HEADERS_COUNT;
  // An idle socket is closed by keepAliveTimeout; a socket whose answer the mock holds back (hang) stays until the client leaves.
  server.timeout = 0;
  server.on('clientError', answerUnparseable);
  // A proxy tunnel is not something the fake AWS offers: answer it instead of dropping the socket unanswered.
  server.on('connect', (req: IncomingMessage, socket: Duplex) => refuseMethod(socket, req.method ?? 'CONNECT'));

  await listen(server, requestedPort, host, options.backlog ?? DEFAULT_BACKLOG);
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : requestedPort;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  guard = createControlGuard({ host, port, loopback, token: controlToken });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  if (options.signal !== undefined) {
    if (options.signal.aborted) await close();
    else options.signal.addEventListener('abort', () => void close(), { once: true });
  }

  return { url, port, host, exports: exportsFor(mock, url, controlToken), controlToken, close };
}

function exportsFor(mock: MockAws, url: string, controlToken: string | null): Record<string, string> {
  const vars: Record<string, string> = {
    // With the slash: AWS CLI v2 before 2.13 joins endpoint and path without one (every other client copes either way).
    AWS_EC2_METADATA_SERVICE_ENDPOINT: `${url}/`,
    AWS_ENDPOINT_URL_STS: url,
    AWS_ENDPOINT_URL_IAM: url,
  };
  const container = mock.config.container;
  if (container.enabled) {
    vars.AWS_CONTAINER_CREDENTIALS_FULL_URI = `${url}${container.path.startsWith('/') ? '' : '/'}${container.path}`;
    if (container.authorizationToken !== null) vars.AWS_CONTAINER_AUTHORIZATION_TOKEN = container.authorizationToken;
  }
  if (controlToken !== null) vars.ROLECALL_MOCK_TOKEN = controlToken;
  return vars;
}

function listen(server: Server, port: number, host: string, backlog: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, host, { cause: error }) : error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host, backlog });
  });
}

function serve(
  mock: MockAws, req: IncomingMessage, res: ServerResponse, maxBodyBytes: number, timers: Set<NodeJS.Timeout>, guard: ControlGuard | undefined,
  schedule: (job: () => void) => void,
): void {
  const refusal = guard?.check(req.url ?? '/', req.headers);
  if (refusal !== undefined) {
    req.resume();
    deliver(res, refusal);
    return;
  }
  // Hot path: IMDS reads carry no body, so skip the stream machinery (Node discards the empty body itself).
  const length = req.headers['content-length'];
  if (req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0')) {
    answer(mock, req, res, undefined, timers);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    // Past the limit keep reading (and dropping) so the answer can be sent on a clean connection.
    if (size <= maxBodyBytes) chunks.push(chunk);
  });
  req.on('error', () => req.socket.destroy());
  req.on('end', () => {
    if (size > maxBodyBytes) {
      writeTooLarge(res, maxBodyBytes);
      return;
    }
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
    // Requests with a body are STS calls (SigV4 verification) and control writes: the costly ones, run within the turn budget.
    schedule(() => {
      try {
        answer(mock, req, res, body, timers);
      } catch (error) {
        writeInternalError(res, error);
      }
    });
  });
}

function answer(mock: MockAws, req: IncomingMessage, res: ServerResponse, body: Buffer | undefined, timers: Set<NodeJS.Timeout>): void {
  mock.handle(toMockRequest(req, body)).then(
    (response) => {
      try {
        deliverLater(res, response, timers);
      } catch (error) {
        writeInternalError(res, error);
      }
    },
    (error: unknown) => writeInternalError(res, error),
  );
}

function toMockRequest(req: IncomingMessage, body: Buffer | undefined): MockRequest {
  // Node joins repeated headers with ", " already, except set-cookie (an array): reuse its object when it can.
  let headers = req.headers as Record<string, string>;
  if (req.headers['set-cookie'] !== undefined) {
    headers = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  const socket = req.socket;
  return {
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    headers,
    body: body ?? EMPTY,
    client: headers[CLIENT_HEADER] ?? socket.remoteAddress ?? 'unknown',
    host: headers.host ?? `${socket.localAddress ?? '127.0.0.1'}:${socket.localPort ?? 0}`,
  };
}

const EMPTY = new Uint8Array(0);

function deliverLater(res: ServerResponse, response: MockResponse, timers: Set<NodeJS.Timeout>): void {
  const delayMs = response.delayMs ?? 0;
  if (delayMs <= 0) {
    deliver(res, response);
    return;
  }
  const timer = setTimeout(() => {
    timers.delete(timer);
    try {
      deliver(res, response);
    } catch (error) {
      writeInternalError(res, error);
    }
  }, delayMs);
  timers.add(timer);
}

const NORMAL: Delivery = { kind: 'normal' };

function deliver(res: ServerResponse, response: MockResponse): void {
  const socket: Socket = res.socket ?? (res.req.socket as Socket);
  if (socket.destroyed) return;
  const delivery = response.delivery ?? NORMAL;
  switch (delivery.kind) {
    case 'hang':
      // Keep the socket open without answering; close() drops it.
      return;
    case 'reset':
      socket.destroy();
      return;
    case 'truncate': {
      const body = bodyBytes(response.body);
      res.writeHead(response.status, withLength(response.headers, body.length));
      res.write(body.subarray(0, Math.max(0, Math.min(delivery.bytes, body.length - 1))), () => socket.destroy());
      return;
    }
    case 'normal': {
      // A string body goes out as a string: Node writes it with the head in one chunk, no Buffer copy.
      const body = isBodylessStatus(response.status) ? '' : typeof response.body === 'string' ? response.body : bodyBytes(response.body);
      res.writeHead(response.status, framedHeaders(response.headers, body));
      res.end(res.req.method === 'HEAD' ? undefined : body);
      return;
    }
  }
}

/**
 * The answer's headers with Content-Length, remembered per headers object:
 * the core hands out one response (and so one headers object) for as long as
 * an answer stays the same, so the copy is made once, not per request.
 * Headers objects are read-only (`MockResponse.headers`), so the memo is safe.
 */
const framed = new WeakMap<object, { readonly body: string | Buffer; readonly headers: Record<string, string> }>();

function framedHeaders(headers: MockResponse['headers'], body: string | Buffer): Record<string, string> {
  const memo = framed.get(headers);
  if (memo !== undefined && memo.body === body) return memo.headers;
  const out = withLength(headers, typeof body === 'string' ? Buffer.byteLength(body) : body.length);
  framed.set(headers, { body, headers: out });
  return out;
}

/** The answer's headers with our Content-Length (any the core set, in any case, is dropped: the body decides). */
function withLength(headers: MockResponse['headers'], length: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) if (name.toLowerCase() !== 'content-length') out[name] = headers[name]!;
  out['content-length'] = String(length);
  return out;
}

function writeTooLarge(res: ServerResponse, maxBodyBytes: number): void {
  writeJson(res, 413, { code: 'RequestEntityTooLarge', message: `The request body exceeds ${maxBodyBytes} bytes, the mock server's limit (maxBodyBytes).` });
}

function writeJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** Answers on a raw socket (requests Node hands over without a response object) and closes it. */
function endRaw(socket: Duplex, statusLine: string, value: unknown, extra = ''): void {
  const body = JSON.stringify(value);
  socket.end(`HTTP/1.1 ${statusLine}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}connection: close\r\n\r\n${body}`);
}

function refuseMethod(socket: Duplex, method: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  endRaw(socket, '405 Method Not Allowed', {
    code: 'MethodNotAllowed',
    message: `The mock does not serve ${method.slice(0, 16)} (it is no proxy); use GET, PUT or POST.`,
  }, 'allow: GET, HEAD, PUT, POST\r\n');
}

/**
 * What Node's HTTP parser refuses (an unknown method, a malformed header,
 * headers too large) never reaches the mock: answer with a precise status and
 * code, as the 413 does, and drop only that connection.
 */
function answerUnparseable(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    endRaw(socket, '408 Request Timeout', { code: 'RequestTimeout', message: 'The request was not received in time (headers or body too slow); the connection is closed.' });
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  endRaw(socket, tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request', {
    code: tooLarge ? 'RequestHeaderFieldsTooLarge' : 'MalformedHTTPRequest',
    message: `The request could not be parsed as HTTP/1.1 (${error.code ?? 'parse error'}); the connection is closed.`,
  });
}

function writeInternalError(res: ServerResponse, error: unknown): void {
  if (res.socket?.destroyed === true) return;
  // Half an answer cannot be taken back: drop the connection, keep the server.
  if (res.headersSent) {
    res.destroy();
    return;
  }
  try {
    writeJson(res, 500, {
      code: 'InternalFailure',
      message: `The mock failed to answer: ${error instanceof Error ? error.message : String(error)}. This is a bug in @rolecall/mock-aws.`,
    });
  } catch {
    res.destroy();
  }
}
