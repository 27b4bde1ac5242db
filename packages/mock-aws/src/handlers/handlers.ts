import { HttpResponse, delay, http } from 'msw';
import type { HttpHandler } from 'msw';
import type { MockAws } from '../domain/MockAws.js';
import type { MockRequest, MockResponse } from '../domain/MockRequest.js';
import { CLIENT_HEADER, bodyBytes, isBodylessStatus } from '../server/wire.js';

/** Options of {@link handlers}. @public */
export interface MockHandlersOptions {
  /**
   * Origins to answer for; `*` stands for one DNS label (`https://sts.*.amazonaws.com`).
   * Default: {@link DEFAULT_BASE_URLS}.
   */
  readonly baseUrls?: readonly string[];
}

/**
 * Where real tools look for IMDS (IPv4 and IPv6), STS (global and regional)
 * and the ECS container credentials endpoint. @public
 */
export const DEFAULT_BASE_URLS: readonly string[] = [
  'http://169.254.169.254',
  'http://[fd00:ec2::254]',
  'https://sts.amazonaws.com',
  'https://sts.*.amazonaws.com',
  'http://169.254.170.2',
];

/**
 * MSW request handlers that answer from the mock: one `http.all` handler
 * per origin, each translating the Fetch `Request` to a neutral request and
 * the answer back. `hang` never answers (until the request is aborted),
 * `reset` is a network error, `truncate` a body stream that breaks off.
 * undici's own requests bypass MSW (mswjs/msw#2165): for those use
 * {@link mockDispatcher} or the loopback server.
 *
 * @example
 * ```ts
 * const server = setupServer(...handlers(createMockAws()));
 * server.listen({ onUnhandledFrame: 'error' });
 * ```
 * @public
 */
export function handlers(mock: MockAws, options: MockHandlersOptions = {}): HttpHandler[] {
  return (options.baseUrls ?? DEFAULT_BASE_URLS).map((base) => {
    const matches = originMatcher(base);
    return http.all(
      ({ request }) => matches(new URL(request.url).origin),
      async ({ request }) => toFetchResponse(await mock.handle(await toMockRequest(request)), request.signal),
    );
  });
}

/** Compiles a base URL with `*` labels into an origin test. */
function originMatcher(base: string): (origin: string) => boolean {
  const url = new URL(base.replaceAll('*', 'wildcard0'));
  const pattern = url.origin
    .split('wildcard0')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[a-z0-9-]+');
  const regex = new RegExp(`^${pattern}$`, 'i');
  return (origin) => regex.test(origin);
}

async function toMockRequest(request: Request): Promise<MockRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  // Fetch Headers are already lower-cased and join repeats with ", ".
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    method: request.method,
    path: `${url.pathname}${url.search}`,
    headers,
    body: new Uint8Array(await request.arrayBuffer()),
    client: headers[CLIENT_HEADER] ?? 'msw',
    host: headers.host ?? url.host,
  };
}

async function toFetchResponse(response: MockResponse, signal: AbortSignal): Promise<Response> {
  if (response.delayMs !== undefined && response.delayMs > 0) await delay(response.delayMs);
  const delivery = response.delivery ?? { kind: 'normal' };
  switch (delivery.kind) {
    case 'hang':
      await new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        else signal.addEventListener('abort', () => resolve(), { once: true });
      });
      return HttpResponse.error();
    case 'reset':
      return HttpResponse.error();
    case 'truncate': {
      const bytes = bodyBytes(response.body);
      const part = bytes.subarray(0, Math.max(0, Math.min(delivery.bytes, bytes.length - 1)));
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          if (part.length > 0) controller.enqueue(new Uint8Array(part));
        },
        // Breaks off one macrotask after the part was read: an error in
        // start() drops the queued part, and msw 3 closes the socket on the
        // next tick after a stream error, before the client has read the
        // headers and the part that were pushed to it.
        async pull(controller) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          controller.error(new TypeError('terminated: other side closed'));
        },
      });
      const headers = new Headers(response.headers);
      headers.set('content-length', String(bytes.length));
      return new HttpResponse(body, { status: response.status, headers });
    }
    case 'normal': {
      const body = isBodylessStatus(response.status) ? null : new Uint8Array(bodyBytes(response.body));
      return new HttpResponse(body, { status: response.status, headers: response.headers });
    }
  }
}
