/** One exchange over node:http or node:https. @internal */
export interface NodeHttpExchange {
  readonly url: string | URL;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Sent as is; `''` or undefined sends no body. */
  readonly body?: string | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** The whole answer; repeated headers joined with `, `, names lower-cased. @internal */
export interface NodeHttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
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
 * per exchange (`agent: false`): right for metadata calls and one-shot
 * processes, wrong for a server making many calls, which keeps undici's pool.
 * Failures are the runtime's errors (with `code`); the callers map them.
 * @internal
 */
export async function nodeHttpRequest(exchange: NodeHttpExchange): Promise<NodeHttpAnswer> {
  const url = typeof exchange.url === 'string' ? new URL(exchange.url) : exchange.url;
  const mod = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const body = exchange.body ?? '';
  const headers = body === '' ? exchange.headers : { ...exchange.headers, 'content-length': String(Buffer.byteLength(body)) };
  return new Promise<NodeHttpAnswer>((resolve, reject) => {
    const req = mod.request(url, { method: exchange.method, headers, agent: false, ...(exchange.signal === undefined ? {} : { signal: exchange.signal }) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: flattenHeaders(res.headers), body: text }));
    });
    req.on('error', reject);
    req.end(body === '' ? undefined : body);
  });
}
