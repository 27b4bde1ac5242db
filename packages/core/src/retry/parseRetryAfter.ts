/**
 * Server retry hints. `x-amz-retry-after` is milliseconds; `Retry-After` is
 * delay-seconds or an HTTP-date (RFC 9110 §10.2.3). Old JS SDKs read the
 * seconds form as a date near 1970 and so ignored it (docs/reference/retry.md §4); we
 * parse both forms against the injected clock's `nowMs`.
 */

/** Headers as undici (`IncomingHttpHeaders`) or fetch (`Headers`) hand them over. @public */
export type HeadersLike =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Reads one header case-insensitively; the first value of a repeated header. @internal */
export function readHeader(headers: HeadersLike | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  if (typeof headers.get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  let value = record[name];
  if (value === undefined) {
    const key = Object.keys(record).find((k) => k.toLowerCase() === name);
    value = key === undefined ? undefined : record[key];
  }
  return typeof value === 'string' ? value : value?.[0];
}

const DECIMAL = /^\s*(\d+(?:\.\d+)?)\s*$/;

/**
 * Parses a `Retry-After` value: delay-seconds (decimals tolerated) or an
 * HTTP-date, relative to `nowMs`. A date in the past gives 0; garbage gives
 * undefined.
 * @public
 */
export function parseRetryAfterValue(value: string, nowMs: number): number | undefined {
  const seconds = DECIMAL.exec(value);
  if (seconds?.[1] !== undefined) return Math.round(Number(seconds[1]) * 1000);
  // An HTTP-date always names a day or month; refusing letter-free strings
  // keeps Date.parse from reading "12-5" as a calendar date.
  if (!/[a-z]/i.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * The server's retry hint in milliseconds: `x-amz-retry-after` (ms) when it
 * is a valid non-negative integer, else `Retry-After` (seconds or
 * HTTP-date relative to `nowMs`), else undefined.
 * @example parseRetryAfter({ 'retry-after': '2' }, clock.now()) // 2000
 * @public
 */
export function parseRetryAfter(headers: HeadersLike | undefined, nowMs: number): number | undefined {
  const amz = readHeader(headers, 'x-amz-retry-after');
  if (amz !== undefined && /^\s*\d+\s*$/.test(amz)) return Number(amz);
  const standard = readHeader(headers, 'retry-after');
  return standard === undefined ? undefined : parseRetryAfterValue(standard, nowMs);
}
