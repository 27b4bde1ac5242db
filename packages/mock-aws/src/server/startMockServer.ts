import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { MockAws } from '../domain/MockAws.js';
import type { Delivery, MockRequest, MockResponse } from '../domain/MockRequest.js';
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
   * `AWS_ENDPOINT_URL_IAM` (the IAM Query subset, issue 13), and, when the
   * container endpoint is enabled, `AWS_CONTAINER_CREDENTIALS_FULL_URI` and
   * `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
   */
  readonly exports: Readonly<Record<string, string>>;
  /** Stops listening and drops every connection, idle, delayed or hung. Safe to call twice. */
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/**
 * Serves the mock over `node:http`: IMDS, STS, container credentials and the
 * `/_mock/` control API on one port. Built for speed: the request is read into
 * Buffer chunks and handed to {@link MockAws.handle} without Fetch objects.
 * Fault deliveries are honoured on the socket: `hang` keeps it open without an
 * answer until `close()`, `reset` destroys it, `truncate` announces the full
 * Content-Length, sends part of the body and destroys it.
 *
 * @example
 * ```ts
 * const server = await startMockServer(createMockAws(), { port: 0 });
 * // server.exports.AWS_EC2_METADATA_SERVICE_ENDPOINT === server.url
 * await server.close();
 * ```
 * @throws {@link PortInUseError} when the port is taken.
 * @public
 */
export async function startMockServer(mock: MockAws, options: MockServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  const requestedPort = options.port ?? 0;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer({ keepAlive: true }, (req, res) => {
    serve(mock, req, res, maxBodyBytes, timers);
  });
  server.on('clientError', answerUnparseable);
  // A hung answer must not be cut by Node's request timeout: the client decides when to give up.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;

  await listen(server, requestedPort, host);
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : requestedPort;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

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

  return { url, port, host, exports: exportsFor(mock, url), close };
}

function exportsFor(mock: MockAws, url: string): Record<string, string> {
  const vars: Record<string, string> = {
    AWS_EC2_METADATA_SERVICE_ENDPOINT: url,
    AWS_ENDPOINT_URL_STS: url,
    AWS_ENDPOINT_URL_IAM: url,
  };
  const container = mock.config.container;
  if (container.enabled) {
    vars.AWS_CONTAINER_CREDENTIALS_FULL_URI = `${url}${container.path.startsWith('/') ? '' : '/'}${container.path}`;
    if (container.authorizationToken !== null) vars.AWS_CONTAINER_AUTHORIZATION_TOKEN = container.authorizationToken;
  }
  return vars;
}

function listen(server: Server, port: number, host: string): Promise<void> {
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
    server.listen(port, host);
  });
}

function serve(mock: MockAws, req: IncomingMessage, res: ServerResponse, maxBodyBytes: number, timers: Set<NodeJS.Timeout>): void {
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
    if (size > maxBodyBytes) writeTooLarge(res, maxBodyBytes);
    else answer(mock, req, res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size), timers);
  });
}

function answer(mock: MockAws, req: IncomingMessage, res: ServerResponse, body: Buffer | undefined, timers: Set<NodeJS.Timeout>): void {
  mock.handle(toMockRequest(req, body)).then(
    (response) => deliverLater(res, response, timers),
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
    deliver(res, response);
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
  const body = JSON.stringify({
    code: 'RequestEntityTooLarge',
    message: `The request body exceeds ${maxBodyBytes} bytes, the mock server's limit (maxBodyBytes).`,
  });
  res.writeHead(413, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
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
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  const body = JSON.stringify({
    code: tooLarge ? 'RequestHeaderFieldsTooLarge' : 'MalformedHTTPRequest',
    message: `The request could not be parsed as HTTP/1.1 (${error.code ?? 'parse error'}); the connection is closed.`,
  });
  socket.end(`HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

function writeInternalError(res: ServerResponse, error: unknown): void {
  if (res.headersSent || res.socket?.destroyed === true) return;
  const body = JSON.stringify({
    code: 'InternalFailure',
    message: `The mock failed to answer: ${error instanceof Error ? error.message : String(error)}. This is a bug in @rolecall/mock-aws.`,
  });
  res.writeHead(500, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}
