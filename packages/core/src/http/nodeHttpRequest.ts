import type { Agent } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let http: typeof import('node:http') | undefined;
let https: typeof import('node:https') | undefined;

/**
 * node:http or node:https, through `require()`: an ES module import of either
 * builds its namespace, whose lazy `WebSocket` and fetch getters load Node's
 * own copy of undici and http2, tens of ms in a fresh process (decision 0123).
 * @internal
 */
export function httpModule(protocol: string): typeof import('node:http') | typeof import('node:https') {
  // Kept once loaded: `require()` of a builtin walks the module loader on every call.
  if (protocol === 'https:') return (https ??= require('node:https') as typeof import('node:https'));
  return (http ??= require('node:http') as typeof import('node:http'));
}

/** One exchange over node:http or node:https. @internal */
export interface NodeHttpExchange {
  readonly url: string | URL;
  /** The path and query to send, instead of the URL's (the client sends to its endpoint's URL). */
  readonly path?: string | undefined;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Sent as is; `''` or undefined sends no body. */
  readonly body?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  /** A keep-alive agent for the URL's protocol; default one connection for this exchange. */
  readonly agent?: Agent | undefined;
}

/** The whole answer; repeated headers joined with `, `, names lower-cased. @internal */
export interface NodeHttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Header names lower-cased, repeated values joined with `, `, straight from
 * node:http's raw name/value list: reading `res.headers` would build Node's
 * own object first, then this one (bench/client.bench.mjs).
 * @internal
 */
export function rawHeadersToRecord(raw: readonly string[]): Record<string, string> {
  const flat: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    if (name === '__proto__') continue;
    const value = raw[i + 1] as string;
    const seen = flat[name];
    flat[name] = seen === undefined ? value : `${seen}, ${value}`;
  }
  return flat;
}

/** Header names lower-cased, repeated values joined with `, ` (node:http and undici both give arrays). @internal */
export function flattenHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) flat[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return flat;
}

/**
 * node:http is part of the runtime and costs a few milliseconds to load;
 * undici costs tens in a fresh process because its pool loads http2, tls and
 * about a hundred files of its own (docs/decisions/0056, 0066). One connection
 * per exchange (`agent: false`) unless an `agent` is given: the client passes
 * its keep-alive agents (decision 0123), metadata calls use their own.
 * Failures are the runtime's errors (with `code`); the callers map them.
 * @internal
 */
export async function nodeHttpRequest(exchange: NodeHttpExchange): Promise<NodeHttpAnswer> {
  const url = typeof exchange.url === 'string' ? new URL(exchange.url) : exchange.url;
  const mod = httpModule(url.protocol);
  const body = exchange.body ?? '';
  // A flat name/value list, as in `rawHeaders`: node:http checks and writes it
  // as is, where an object goes through `setHeader` one name at a time. Node
  // adds no Host to a list, so it is added here when missing.
  const headers: string[] = [];
  let host = false;
  let length = false;
  for (const name in exchange.headers) {
    const lower = name.toLowerCase();
    if (lower === 'host') host = true;
    else if (lower === 'content-length') length = true;
    headers.push(name, exchange.headers[name] as string);
  }
  if (!host) headers.push('host', url.host);
  if (!length && body !== '') headers.push('content-length', String(Buffer.byteLength(body)));
  const signal = exchange.signal;
  return new Promise<NodeHttpAnswer>((resolve, reject) => {
    // Options, not the URL: node:http would copy every field of a URL object on each request.
    const options = { protocol: url.protocol, hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname, port: url.port, path: exchange.path ?? `${url.pathname}${url.search}` };
    const req = mod.request({ ...options, method: exchange.method, headers, agent: exchange.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: rawHeadersToRecord(res.rawHeaders), body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    // One listener per exchange, removed when it closes: node:http's own
    // `signal` option costs a stream watcher per request (decision 0123).
    if (signal !== undefined) {
      const onAbort = (): void => void req.destroy(Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR', cause: signal.reason }));
      if (signal.aborted) onAbort();
      else {
        signal.addEventListener('abort', onAbort, { once: true });
        req.once('close', () => signal.removeEventListener('abort', onAbort));
      }
    }
    req.end(body === '' ? undefined : body);
  });
}
