/**
 * Every error the core throws. Each has a `name`, a stable `code` that callers
 * can switch on, typed fields and a native `cause`. `instanceof` works through
 * a brand rather than the prototype chain, so it survives two copies of the
 * package in one process (undici's approach). Messages say what failed, why,
 * and what to do next, and never contain a secret key or session token.
 */

const BRAND = Symbol.for('rolecall.core.error');

/** Base class of every error the core throws. @public */
export class RolecallError extends Error {
  /** Stable, machine-readable: `ERR_ROLECALL_*`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RolecallError';
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this === RolecallError) {
      return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
    }
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

/** An option was missing or out of range. @public */
export class InvalidOptionError extends RolecallError {
  readonly option: string;
  constructor(option: string, message: string) {
    super('ERR_ROLECALL_INVALID_OPTION', message);
    this.name = 'InvalidOptionError';
    this.option = option;
  }
}

// ---- retry (src/retry/) -------------------------------------------------

// ---- http + sts client (src/http/, src/sts/) ----------------------------

/**
 * An AWS service answered with an error (`<ErrorResponse>` XML or a JSON
 * `__type`). `code` stays the stable `ERR_ROLECALL_AWS_SERVICE`; the AWS code
 * (`Throttling`, `SignatureDoesNotMatch` ...) is `awsCode` (docs/decisions/0052).
 * @public
 */
export class AwsServiceError extends RolecallError {
  /** The AWS error code from the body, e.g. `Throttling`; `Http<status>` when the body had none. */
  readonly awsCode: string;
  readonly statusCode: number;
  readonly requestId: string | undefined;
  readonly service: string;
  readonly action: string | undefined;
  readonly retryable: boolean;
  readonly errorClass: 'throttling' | 'transient' | 'non-retryable';
  /** A server hint, parsed to milliseconds (`x-amz-retry-after`, `Retry-After`). */
  readonly retryAfterMs: number | undefined;

  constructor(fields: {
    awsCode: string;
    awsMessage: string;
    statusCode: number;
    requestId: string | undefined;
    service: string;
    action: string | undefined;
    errorClass: 'throttling' | 'transient' | 'non-retryable';
    retryAfterMs?: number | undefined;
  }) {
    const what = fields.action === undefined ? fields.service : `${fields.service} ${fields.action}`;
    const id = fields.requestId === undefined ? '' : ` (request id ${fields.requestId})`;
    super(
      'ERR_ROLECALL_AWS_SERVICE',
      `${what} failed with HTTP ${fields.statusCode} ${fields.awsCode}: ${fields.awsMessage || 'no message'}${id}`,
    );
    this.name = 'AwsServiceError';
    this.awsCode = fields.awsCode;
    this.statusCode = fields.statusCode;
    this.requestId = fields.requestId;
    this.service = fields.service;
    this.action = fields.action;
    this.errorClass = fields.errorClass;
    this.retryable = fields.errorClass !== 'non-retryable';
    this.retryAfterMs = fields.retryAfterMs;
  }
}

/** How a request failed below HTTP. @public */
export type NetworkFailureKind = 'connect' | 'dns' | 'reset' | 'timeout' | 'aborted' | 'other';

/**
 * A request never got an HTTP answer: refused or reset connection, DNS
 * failure, timeout. `errno` keeps the system or undici code (`ECONNREFUSED`,
 * `UND_ERR_HEADERS_TIMEOUT` ...); the original error is the `cause`.
 * @public
 */
export class NetworkError extends RolecallError {
  readonly kind: NetworkFailureKind;
  readonly errno: string | undefined;
  /** The origin that was called, e.g. `https://sts.us-east-1.amazonaws.com`. */
  readonly endpoint: string;
  readonly retryable: boolean;
  readonly errorClass: 'transient' | 'non-retryable';

  constructor(fields: { kind: NetworkFailureKind; errno: string | undefined; endpoint: string; detail: string }, options?: { cause?: unknown }) {
    const hint =
      fields.kind === 'connect'
        ? 'check that the endpoint is reachable (AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL point there?)'
        : fields.kind === 'dns'
          ? 'check the endpoint host name and the region'
          : fields.kind === 'aborted'
            ? 'the caller aborted the request'
            : 'it is retried as transient; if it persists, check the network path to the endpoint';
    super('ERR_ROLECALL_NETWORK', `request to ${fields.endpoint} failed (${fields.errno ?? fields.kind}): ${fields.detail}; ${hint}`, options);
    this.name = 'NetworkError';
    this.kind = fields.kind;
    this.errno = fields.errno;
    this.endpoint = fields.endpoint;
    this.errorClass = fields.kind === 'aborted' ? 'non-retryable' : 'transient';
    this.retryable = this.errorClass !== 'non-retryable';
  }
}

/** A service answered 2xx with a body the client cannot read. @public */
export class ResponseParseError extends RolecallError {
  readonly service: string;
  readonly action: string | undefined;
  readonly statusCode: number;
  readonly requestId: string | undefined;
  constructor(fields: { service: string; action: string | undefined; statusCode: number; requestId: string | undefined; detail: string }, options?: { cause?: unknown }) {
    super(
      'ERR_ROLECALL_RESPONSE_PARSE',
      `${fields.service} ${fields.action ?? ''} answered HTTP ${fields.statusCode} with a body that could not be read: ${fields.detail}; is the endpoint really ${fields.service}?`,
      options,
    );
    this.name = 'ResponseParseError';
    this.service = fields.service;
    this.action = fields.action;
    this.statusCode = fields.statusCode;
    this.requestId = fields.requestId;
  }
}

// ---- credentials, config files, imds (src/credentials/, src/config/, src/imds/) ----

/**
 * A credential provider could not produce credentials. `tryNextLink: true`
 * means "not configured here, try the next provider" (the chain moves on and
 * traces `skipped`); `false` means a real failure that ends the chain.
 * Messages never contain a secret key or a session token.
 * @public
 */
export class CredentialsProviderError extends RolecallError {
  /** The provider that failed, e.g. `env`, `profile`, `imds`. */
  readonly provider: string;
  /** Why, short enough for an explain trace: `AWS_ACCESS_KEY_ID is not set`. */
  readonly reason: string;
  readonly tryNextLink: boolean;

  constructor(provider: string, reason: string, options?: { tryNextLink?: boolean; cause?: unknown; code?: string; message?: string }) {
    super(options?.code ?? 'ERR_ROLECALL_CREDENTIALS_PROVIDER', options?.message ?? `${provider} credentials failed: ${reason}`, options);
    this.name = 'CredentialsProviderError';
    this.provider = provider;
    this.reason = reason;
    this.tryNextLink = options?.tryNextLink ?? false;
  }
}

/** A provider is not configured at all: the chain skips it. Always `tryNextLink: true`. @public */
export class CredentialsNotConfiguredError extends CredentialsProviderError {
  /** What the provider needed, e.g. `AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`. */
  readonly needs: string;
  constructor(provider: string, reason: string, needs: string) {
    super(provider, reason, {
      tryNextLink: true,
      code: 'ERR_ROLECALL_CREDENTIALS_NOT_CONFIGURED',
      message: `${provider} credentials skipped: ${reason}; this provider needs ${needs}`,
    });
    this.name = 'CredentialsNotConfiguredError';
    this.needs = needs;
  }
}

// ---- region (src/region/) -----------------------------------------------

/** A configured region is not a region name (`us east 1`, `US-EAST-1 `). @public */
export class InvalidRegionError extends RolecallError {
  readonly region: string;
  /** Where it came from: `explicit`, `env:AWS_REGION`, `profile:NAME` ... */
  readonly source: string;
  constructor(region: string, source: string, hint: string) {
    super('ERR_ROLECALL_INVALID_REGION', `region ${JSON.stringify(region)} from ${source} is not a region name: ${hint}`);
    this.name = 'InvalidRegionError';
    this.region = region;
    this.source = source;
  }
}
