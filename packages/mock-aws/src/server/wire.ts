import type { MockResponse } from '../domain/MockRequest.js';

/**
 * Small translations every front shares: the domain speaks in lower-cased
 * header records and `string | Uint8Array` bodies, the fronts in whatever
 * their transport wants.
 */

/** The response body as bytes (UTF-8 for strings). @internal */
export function bodyBytes(body: MockResponse['body']): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/** Statuses that must not carry a body (Fetch refuses one; HTTP forbids it). @internal */
export function isBodylessStatus(status: number): boolean {
  return status === 204 || status === 205 || status === 304 || (status >= 100 && status < 200);
}

/** The header that names the caller for per-client throttles and the journal. @internal */
export const CLIENT_HEADER = 'x-rolecall-client';

/** Lower-cases names and joins repeated values with ", " as {@link MockRequest.headers} wants. @internal */
export function addHeader(into: Record<string, string>, name: string, value: string): void {
  const key = name.toLowerCase();
  const previous = into[key];
  into[key] = previous === undefined ? value : `${previous}, ${value}`;
}
