/**
 * The part of the client that needs undici and aws4. It is imported on the
 * first request only, so code that just resolves credentials or a region
 * never loads an HTTP stack (cold start is measured; docs/decisions/0051).
 */
import type { Agent } from 'node:http';
import { createRequire } from 'node:module';
import type { Dispatcher, Pool } from 'undici';
import type { NetworkError } from '../errors.js';
import type { Credentials } from '../identity/Credentials.js';
import { toNetworkError } from '../net/networkFailure.js';
import { httpModule, nodeHttpRequest } from './nodeHttpRequest.js';
import { loadAws4 } from './thirdParty.js';

const require = createRequire(import.meta.url);

type PoolConstructor = new (origin: string, options?: Pool.Options) => Pool;
type RequestFunction = (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;

interface UndiciParts {
  readonly Pool: PoolConstructor;
  readonly request: RequestFunction;
}

let undici: UndiciParts | undefined;

/**
 * undici's `index.js` loads every API, interceptor and the fetch stack
 * (~75 ms cold); the pool and the request API alone take about a third of
 * that. undici (7 and 8) has no exports map, so the two files are reachable; if a
 * later version moves them we fall back to the package root.
 */
function loadUndici(): UndiciParts {
  if (undici !== undefined) return undici;
  try {
    undici = {
      Pool: require('undici/lib/dispatcher/pool.js') as PoolConstructor,
      request: require('undici/lib/api/api-request.js') as RequestFunction,
    };
  } catch {
    const root = require('undici') as typeof import('undici');
    undici = { Pool: root.Pool as PoolConstructor, request: root.Dispatcher.prototype.request as RequestFunction };
  }
  return undici;
}

/**
 * A keep-alive agent for one protocol, destroyed by the client's `close()`.
 * Idle sockets are unreferenced by node:http, so a program that never calls
 * `close()` still exits; `idleTimeoutMs` closes a socket idle that long
 * (decision 0123).
 * @internal
 */
export async function createAgent(protocol: string, options: { maxSockets: number; idleTimeoutMs: number }): Promise<Agent> {
  const { Agent: AgentClass } = httpModule(protocol);
  return new AgentClass({ keepAlive: true, maxSockets: options.maxSockets, timeout: options.idleTimeoutMs });
}

/** A per-origin connection pool, closed by the client's `close()`. @internal */
export function createPool(origin: string, options: { connections?: number; headersTimeoutMs: number; bodyTimeoutMs: number }): Dispatcher {
  const { Pool: PoolClass } = loadUndici();
  return new PoolClass(origin, {
    connections: options.connections ?? 16,
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.bodyTimeoutMs,
    keepAliveTimeout: 4_000,
  });
}

let amzSecond = Number.NaN;
let amzText = '';

/** The `X-Amz-Date` form of a time: `20261128T012837Z` (formatted once per second: every call signs). @internal */
export function amzDate(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== amzSecond) {
    amzText = new Date(second * 1000).toISOString().replace(/[:-]|\.\d{3}/g, '');
    amzSecond = second;
  }
  return amzText;
}

/** @internal */
export interface SignInput {
  readonly method: string;
  readonly url: URL;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly service: string;
  readonly region: string;
  readonly credentials: Credentials;
  readonly signingTimeMs: number;
}

/** Signs with aws4 (SigV4, Authorization header); the time comes from the caller's clock. @internal */
export function signRequest(input: SignInput): Record<string, string> {
  const aws4 = loadAws4();
  const signed = aws4.sign(
    {
      host: input.url.host,
      method: input.method,
      path: input.path,
      service: input.service,
      region: input.region,
      body: input.body,
      headers: { ...input.headers, 'X-Amz-Date': amzDate(input.signingTimeMs) },
    },
    {
      accessKeyId: input.credentials.accessKeyId,
      secretAccessKey: input.credentials.secretAccessKey,
      ...(input.credentials.sessionToken === undefined ? {} : { sessionToken: input.credentials.sessionToken }),
    },
  );
  const headers: Record<string, string> = {};
  const given = signed.headers ?? {};
  for (const name in given) {
    const value = given[name];
    if (value !== undefined) headers[name.toLowerCase()] = String(value);
  }
  return headers;
}

/** What came back over the wire. @internal */
export interface RawResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** @internal */
export interface SendInput {
  /** undici's path (the client's pool or an injected Dispatcher), or node:http (decisions 0056, 0123). */
  readonly dispatcher: Dispatcher | 'node:http';
  /** node:http's keep-alive agent for the origin's protocol. */
  readonly agent?: Agent | undefined;
  readonly origin: string;
  /** The endpoint's URL (node:http connects to its host and port). */
  readonly url: URL;
  readonly path: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Sends one request and reads the whole body. Any failure below HTTP becomes
 * a {@link NetworkError}; an HTTP error status is returned, not thrown (the
 * caller classifies it).
 * @internal
 */
export async function sendOnce(input: SendInput): Promise<RawResponse> {
  if (input.dispatcher === 'node:http') {
    try {
      const answer = await nodeHttpRequest({ url: input.url, path: input.path, method: input.method, headers: input.headers, body: input.body, signal: input.signal, agent: input.agent });
      return { statusCode: answer.status, headers: answer.headers, body: answer.body };
    } catch (error) {
      throw toNetworkError(error, input.origin, input.signal);
    }
  }
  const dispatcher = input.dispatcher;
  const options: Dispatcher.RequestOptions = {
    origin: input.origin,
    path: input.path,
    method: input.method as Dispatcher.HttpMethod,
    headers: input.headers,
    body: input.body === '' ? null : input.body,
    ...(input.signal === undefined ? {} : { signal: input.signal }),
  };
  try {
    const ownRequest = (dispatcher as Partial<Dispatcher>).request;
    const response = ownRequest === undefined ? await loadUndici().request.call(dispatcher, options) : await dispatcher.request(options);
    const body = await response.body.text();
    return { statusCode: response.statusCode, headers: response.headers, body };
  } catch (error) {
    throw toNetworkError(error, input.origin, input.signal);
  }
}

