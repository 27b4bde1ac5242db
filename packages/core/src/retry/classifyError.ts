import { NETWORK_FAILURES } from '../net/networkFailure.js';
import type { ErrorClass, RetryErrorInfo } from './types.js';
import { parseRetryAfter, type HeadersLike } from './parseRetryAfter.js';

/**
 * Error classification, per retry-spec.md §3. AWS operations retry what is
 * throttling or transient, as the SDKs do; everything else (signature,
 * access, validation, ExpiredToken) is final here — refreshing credentials is
 * the credential layer's job, not a blind retry's (docs/decisions/0042).
 */

/** The AWS throttling codes shared by the JS, Python, Go and Rust SDKs. @public */
export const THROTTLING_ERROR_CODES: ReadonlySet<string> = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);

/** AWS error codes every SDK retries as transient timeouts. @public */
export const TRANSIENT_ERROR_CODES: ReadonlySet<string> = new Set(['RequestTimeout', 'RequestTimeoutException']);

/** HTTP statuses retried as transient. Other 5xx are not (as in JS). @public */
export const TRANSIENT_STATUS_CODES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

/** Socket, DNS and undici codes that mean the request may be re-sent: the retryable rows of the one network table. @internal */
export const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([...NETWORK_FAILURES].filter(([, failure]) => failure.retryable).map(([code]) => code));

const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);

/** What a response looked like, for {@link classifyResponse}. @public */
export interface ResponseLike {
  readonly statusCode: number;
  readonly headers?: HeadersLike | undefined;
  /** The AWS error code parsed from the body, if any. */
  readonly errorCode?: string | undefined;
}

function classOf(code: string | undefined, statusCode: number | undefined): ErrorClass | undefined {
  if (code !== undefined && THROTTLING_ERROR_CODES.has(code)) return 'throttling';
  if (statusCode === 429) return 'throttling';
  if (code !== undefined && (TRANSIENT_ERROR_CODES.has(code) || NETWORK_ERROR_CODES.has(code))) return 'transient';
  if (statusCode !== undefined && TRANSIENT_STATUS_CODES.has(statusCode)) return 'transient';
  return undefined;
}

function info(errorClass: ErrorClass, code: string | undefined, retryAfterMs: number | undefined): RetryErrorInfo {
  return {
    errorClass,
    ...(code === undefined ? {} : { code }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(code !== undefined && TIMEOUT_CODES.has(code) ? { isTimeout: true } : {}),
  };
}

/**
 * Classifies an HTTP response: undefined for a success (status < 400 without
 * an error code), else throttling (an AWS throttling code, bare 429, 503
 * SlowDown), transient (RequestTimeout*, 500/502/503/504) or non-retryable.
 * The hint comes from `x-amz-retry-after` / `Retry-After` against `nowMs`.
 * @public
 */
export function classifyResponse(response: ResponseLike, nowMs: number = Date.now()): RetryErrorInfo | undefined {
  const { statusCode, errorCode } = response;
  if (statusCode < 400 && errorCode === undefined) return undefined;
  const code = errorCode ?? String(statusCode);
  const errorClass = classOf(errorCode, statusCode) ?? 'non-retryable';
  return info(errorClass, code, errorClass === 'non-retryable' ? undefined : parseRetryAfter(response.headers, nowMs));
}

interface ErrorFields {
  readonly code?: unknown | undefined;
  readonly awsCode?: unknown | undefined;
  readonly errno?: unknown | undefined;
  readonly errorClass?: unknown | undefined;
  readonly name?: unknown | undefined;
  readonly statusCode?: unknown | undefined;
  readonly status?: unknown | undefined;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
  readonly $retryable?: { readonly throttling?: unknown };
  readonly retryAfterMs?: unknown | undefined;
  readonly headers?: HeadersLike | undefined;
  readonly $response?: { readonly headers?: HeadersLike };
  readonly cause?: unknown | undefined;
}

const isErrorClass = (value: unknown): value is ErrorClass =>
  value === 'throttling' || value === 'transient' || value === 'non-retryable';

/**
 * Classifies a thrown error: trusts an explicit `errorClass` (rolecall's
 * AwsServiceError and NetworkError set one), else reads the AWS code
 * (`awsCode`, else `code`), a socket `errno`, `name`,
 * `statusCode` (or `$metadata.httpStatusCode`), `$retryable`, a numeric
 * `retryAfterMs` or response `headers`, and follows `cause` (as JS does) so a
 * wrapped ECONNRESET is still transient. Aborts are never retried.
 * @public
 */
export function classifyError(error: unknown, nowMs: number = Date.now()): RetryErrorInfo {
  let firstCode: string | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const e = current as ErrorFields;
    // rolecall's own errors keep `code` for ERR_ROLECALL_*: the AWS code is
    // `awsCode` and the socket code `errno` (docs/decisions/0052).
    const code =
      typeof e.awsCode === 'string'
        ? e.awsCode
        : typeof e.errno === 'string'
          ? e.errno
          : typeof e.code === 'string'
            ? e.code
            : undefined;
    const name = typeof e.name === 'string' ? e.name : undefined;
    if (name === 'AbortError' || code === 'ABORT_ERR' || code === 'UND_ERR_ABORTED') break;
    const rawStatus = e.statusCode ?? e.status ?? e.$metadata?.httpStatusCode;
    const statusCode = typeof rawStatus === 'number' ? rawStatus : undefined;
    const label = code ?? (statusCode === undefined ? undefined : String(statusCode));
    firstCode ??= label;
    let errorClass: ErrorClass | undefined = isErrorClass(e.errorClass) ? e.errorClass : undefined;
    errorClass ??= classOf(code, statusCode) ?? (name === undefined ? undefined : classOf(name, undefined));
    if (errorClass === undefined && name === 'TimeoutError') errorClass = 'transient';
    if (errorClass === undefined && e.$retryable !== undefined) {
      errorClass = e.$retryable.throttling === true ? 'throttling' : 'transient';
    }
    if (errorClass !== undefined) {
      const hint =
        errorClass === 'non-retryable'
          ? undefined
          : typeof e.retryAfterMs === 'number' && e.retryAfterMs >= 0
            ? e.retryAfterMs
            : parseRetryAfter(e.headers ?? e.$response?.headers, nowMs);
      return info(errorClass, label ?? name, hint);
    }
    current = e.cause;
  }
  return info('non-retryable', firstCode, undefined);
}
