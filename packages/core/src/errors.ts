/**
 * Every error the core throws. Each has a `name`, a stable `code` that callers
 * can switch on, typed fields and a native `cause`. `instanceof` works through
 * brands rather than the prototype chain, so it survives two copies of the
 * package in one process (undici's approach): every class has its own
 * `Symbol.for('rolecall.core.<Class>')` brand, and the prototypes of an
 * instance carry the brand of its class and of each class above it. Messages say what failed,
 * why, and what to do next, and never contain a secret key or session token.
 */

type Branded = { readonly brand?: symbol };

/** Prototypes already marked; marking happens once per class, not per instance. */
const brandedPrototypes = new WeakSet<object>();

/**
 * Marks the prototype of each class from `target` up to the base with that
 * class's brand, so an instance carries them through its prototype chain.
 * Once per class rather than per instance: the retry engine builds refusals
 * by the hundred thousand under overload, and per-instance properties cost
 * a property definition each.
 */
function brandPrototypes(target: Function): void {
  for (let c: unknown = target; c !== Error && typeof c === 'function'; c = Object.getPrototypeOf(c)) {
    const prototype = (c as { prototype: object }).prototype;
    if (Object.hasOwn(c, 'brand') && !Object.hasOwn(prototype, (c as Branded).brand as symbol)) {
      Object.defineProperty(prototype, (c as Branded).brand as symbol, { value: true });
    }
  }
  brandedPrototypes.add(target.prototype);
}

/** Base class of every error the core throws. @public */
export class RolecallError extends Error {
  /** The class's brand, shared by every copy of the package (the base keeps the symbol older copies used). */
  static readonly brand: symbol = Symbol.for('rolecall.core.error');
  /** Stable, machine-readable: `ERR_ROLECALL_*`. */
  readonly code: string;

  /** A message built when first read (see the `message` accessor below). */
  #lazyMessage: (() => string) | undefined;

  /**
   * `message` may be a function: the message is then built when first read.
   * The retry engine's refusals use it: under overload a client refuses
   * thousands of retries a second and hardly any message is ever printed
   * (docs/decisions/0137).
   */
  constructor(code: string, message: string | (() => string), options?: { cause?: unknown }) {
    super(typeof message === 'string' ? message : undefined, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RolecallError';
    this.code = code;
    if (typeof message !== 'string') this.#lazyMessage = message;
    if (!brandedPrototypes.has(new.target.prototype)) brandPrototypes(new.target);
  }

  static {
    // Reading a lazy message builds it once and keeps it as the usual own data property.
    const own = (error: Error, value: string): string => {
      Object.defineProperty(error, 'message', { value, writable: true, configurable: true, enumerable: false });
      return value;
    };
    Object.defineProperty(RolecallError.prototype, 'message', {
      configurable: true,
      enumerable: false,
      get(this: RolecallError): string {
        const build = #lazyMessage in this ? this.#lazyMessage : undefined;
        return build === undefined ? '' : own(this, build());
      },
      set(this: RolecallError, value: string) {
        own(this, value);
      },
    });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    // A class without a brand of its own (a caller's subclass) falls back to the prototype chain.
    if (!Object.hasOwn(this, 'brand')) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[(this as Branded).brand as symbol] === true;
  }
}

/** An option was missing or out of range. @public */
export class InvalidOptionError extends RolecallError {
  static override readonly brand: symbol = Symbol.for('rolecall.core.InvalidOptionError');
  readonly option: string;
  constructor(option: string, message: string) {
    super('ERR_ROLECALL_INVALID_OPTION', message);
    this.name = 'InvalidOptionError';
    this.option = option;
  }
}

// ---- retry (src/retry/) -------------------------------------------------

/** What every "gave up retrying" error carries. @public */
export interface RetryOutcomeFields {
  /** Attempts made, the first one included. */
  readonly attempts: number;
  /** Milliseconds spent sleeping between attempts. */
  readonly totalDelayMs: number;
  /** The AWS error code (or HTTP status / socket code) of the last failure, if known. */
  readonly lastErrorCode?: string | undefined;
  /** The last failure. */
  readonly cause?: unknown;
}

function lastCodeText(code: string | undefined): string {
  return code === undefined ? 'the last error' : `the last error ${code}`;
}

/**
 * Base of the errors the retry engine throws when it stops retrying. The
 * subclasses say why; every one carries {@link RetryOutcomeFields}.
 * @public
 */
export class RetryGaveUpError extends RolecallError implements RetryOutcomeFields {
  static override readonly brand: symbol = Symbol.for('rolecall.core.RetryGaveUpError');
  readonly attempts: number;
  readonly totalDelayMs: number;
  readonly lastErrorCode: string | undefined;
  constructor(code: string, message: string | (() => string), fields: RetryOutcomeFields) {
    super(code, message, { cause: fields.cause });
    this.name = 'RetryGaveUpError';
    this.attempts = fields.attempts;
    this.totalDelayMs = fields.totalDelayMs;
    this.lastErrorCode = fields.lastErrorCode;
  }
}

/** Every attempt the strategy allows failed with a retryable error. @public */
export class RetryAttemptsExhaustedError extends RetryGaveUpError {
  static override readonly brand: symbol = Symbol.for('rolecall.core.RetryAttemptsExhaustedError');
  readonly maxAttempts: number;
  constructor(fields: RetryOutcomeFields & { readonly maxAttempts: number }) {
    super(
      'ERR_ROLECALL_RETRY_ATTEMPTS_EXHAUSTED',
      () =>
        `Gave up after ${fields.attempts} of ${fields.maxAttempts} attempts (${fields.totalDelayMs} ms of backoff); ${lastCodeText(fields.lastErrorCode)} was retryable. ` +
        'The service kept failing: slow down the caller, or raise maxAttempts if the failures are short-lived.',
      fields,
    );
    this.name = 'RetryAttemptsExhaustedError';
    this.maxAttempts = fields.maxAttempts;
  }
}

/**
 * The client-side retry limit refused another retry, so the engine failed at
 * once: the AWS-style quota (token bucket) or rolecall's retry budget (a share
 * of recent requests, docs/decisions/0045) — `limit` says which.
 * @public
 */
export class RetryQuotaExhaustedError extends RetryGaveUpError {
  static override readonly brand: symbol = Symbol.for('rolecall.core.RetryQuotaExhaustedError');
  /** Tokens (quota) or retries (budget) the retry would have cost. */
  readonly retryCost: number;
  /** Tokens (quota) or retries (budget) left when the retry was refused. */
  readonly quotaAvailable: number;
  /** The backoff the refused retry would have waited: a hint for when to try again. */
  readonly retryAfterMs: number;
  /** Which limit refused: `quota` (AWS token bucket) or `budget` (retries per recent request). */
  readonly limit: 'quota' | 'budget';
  constructor(
    fields: RetryOutcomeFields & {
      readonly retryCost: number;
      readonly quotaAvailable: number;
      readonly retryAfterMs: number;
      readonly limit?: 'quota' | 'budget' | undefined;
    },
  ) {
    const limit = fields.limit ?? 'quota';
    const message = (): string => {
      const detail =
        limit === 'quota'
          ? `the retry quota has ${fields.quotaAvailable} token(s), a retry costs ${fields.retryCost}`
          : `the retry budget has ${Math.floor(fields.quotaAvailable * 100) / 100} retr(ies) left, a retry needs 1`;
      const refill = limit === 'quota' ? 'the quota refills as calls succeed' : 'the budget refills with every new call and with time';
      return (
        `Retry refused after ${fields.attempts} attempt(s): ${detail}; ${lastCodeText(fields.lastErrorCode)} was retryable. ` +
        `Too many calls from this client are failing: this is a client-side circuit breaker, not a server error. Reduce the call rate; ${refill}.`
      );
    };
    super('ERR_ROLECALL_RETRY_QUOTA_EXHAUSTED', message, fields);
    this.name = 'RetryQuotaExhaustedError';
    this.retryCost = fields.retryCost;
    this.quotaAvailable = fields.quotaAvailable;
    this.retryAfterMs = fields.retryAfterMs;
    this.limit = limit;
  }
}

/**
 * The next backoff would have run past the `totalTimeMs` deadline, so the
 * engine stopped before sleeping. (Not the retry budget: that refusal is a
 * {@link RetryQuotaExhaustedError} with `limit: 'budget'`.)
 * @public
 */
export class RetryDeadlineExceededError extends RetryGaveUpError {
  static override readonly brand: symbol = Symbol.for('rolecall.core.RetryDeadlineExceededError');
  readonly totalTimeMs: number;
  readonly elapsedMs: number;
  readonly nextDelayMs: number;
  constructor(fields: RetryOutcomeFields & { readonly totalTimeMs: number; readonly elapsedMs: number; readonly nextDelayMs: number }) {
    super(
      'ERR_ROLECALL_RETRY_DEADLINE_EXCEEDED',
      `Stopped after ${fields.attempts} attempt(s): ${fields.elapsedMs} ms spent, the next backoff of ${fields.nextDelayMs} ms would pass the ${fields.totalTimeMs} ms deadline (totalTimeMs); ${lastCodeText(fields.lastErrorCode)} was retryable. ` +
        'Raise totalTimeMs if the caller can wait longer.',
      fields,
    );
    this.name = 'RetryDeadlineExceededError';
    this.totalTimeMs = fields.totalTimeMs;
    this.elapsedMs = fields.elapsedMs;
    this.nextDelayMs = fields.nextDelayMs;
  }
}

/**
 * The old name of {@link RetryDeadlineExceededError}, which says "budget"
 * where it means the `totalTimeMs` deadline.
 * @deprecated Use `RetryDeadlineExceededError` (code `ERR_ROLECALL_RETRY_DEADLINE_EXCEEDED`).
 * @public
 */
export const RetryBudgetExhaustedError = RetryDeadlineExceededError;
/** @deprecated Use `RetryDeadlineExceededError`. @public */
export type RetryBudgetExhaustedError = RetryDeadlineExceededError;

/** The caller's AbortSignal fired; `cause` is the abort reason and `lastError` the last failure, if any. @public */
export class RetryAbortedError extends RetryGaveUpError {
  static override readonly brand: symbol = Symbol.for('rolecall.core.RetryAbortedError');
  readonly lastError: unknown;
  constructor(fields: RetryOutcomeFields & { readonly lastError?: unknown }) {
    super(
      'ERR_ROLECALL_RETRY_ABORTED',
      `Retrying was aborted by the caller after ${fields.attempts} attempt(s) and ${fields.totalDelayMs} ms of backoff` +
        (fields.lastErrorCode === undefined ? '.' : `; ${lastCodeText(fields.lastErrorCode)}.`) +
        ' The abort reason is the cause.',
      fields,
    );
    this.name = 'RetryAbortedError';
    this.lastError = fields.lastError;
  }
}

/** The adaptive rate limiter had no send token and the strategy is in fail-fast mode. @public */
export class RateLimitedError extends RetryGaveUpError {
  static override readonly brand: symbol = Symbol.for('rolecall.core.RateLimitedError');
  /** How long until a send token is expected. */
  readonly retryAfterMs: number;
  constructor(fields: RetryOutcomeFields & { readonly retryAfterMs: number }) {
    super(
      'ERR_ROLECALL_RETRY_RATE_LIMITED',
      `The client-side rate limiter has no send token for another ${fields.retryAfterMs} ms after ${fields.attempts} attempt(s)` +
        (fields.lastErrorCode === undefined ? '' : `; ${lastCodeText(fields.lastErrorCode)}`) +
        '. The service throttled this client recently: back off upstream (e.g. answer 429) or use mode "wait".',
      fields,
    );
    this.name = 'RateLimitedError';
    this.retryAfterMs = fields.retryAfterMs;
  }
}

/**
 * Thrown by a strategy's `refreshRetryTokenForRetry` when the error is not
 * retryable. `retry()` never surfaces it: it rethrows the original error.
 * @public
 */
export class RetryNotRetryableError extends RetryGaveUpError {
  static override readonly brand: symbol = Symbol.for('rolecall.core.RetryNotRetryableError');
  constructor(fields: RetryOutcomeFields) {
    super(
      'ERR_ROLECALL_RETRY_NOT_RETRYABLE',
      () =>
        `Not retrying after ${fields.attempts} attempt(s): ${lastCodeText(fields.lastErrorCode)} is not retryable. Fix the request or its credentials; retrying cannot help.`,
      fields,
    );
    this.name = 'RetryNotRetryableError';
  }
}


// ---- http + sts client (src/http/, src/sts/) ----------------------------

/**
 * An AWS service answered with an error (`<ErrorResponse>` XML or a JSON
 * `__type`). `code` stays the stable `ERR_ROLECALL_AWS_SERVICE`; the AWS code
 * (`Throttling`, `SignatureDoesNotMatch` ...) is `awsCode` (docs/decisions/0052).
 * @public
 */
export class AwsServiceError extends RolecallError {
  static override readonly brand: symbol = Symbol.for('rolecall.core.AwsServiceError');
  /** The AWS error code from the body, e.g. `Throttling`; the HTTP status as a string when the body had none. */
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
    // The SDK's marker, so generic classifiers (ours, smithy's) see it as retryable.
    if (this.retryable) this.$retryable = { throttling: fields.errorClass === 'throttling' };
  }

  /** Present when retryable, in the shape `@smithy` classifiers read. */
  readonly $retryable?: { readonly throttling: boolean };
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
  static override readonly brand: symbol = Symbol.for('rolecall.core.NetworkError');
  readonly kind: NetworkFailureKind;
  readonly errno: string | undefined;
  /** The origin that was called, e.g. `https://sts.us-east-1.amazonaws.com`. */
  readonly endpoint: string;
  readonly retryable: boolean;
  readonly errorClass: 'transient' | 'non-retryable';
  /** For kind `timeout` when the core's own bound ran out: that bound, in ms (read it here, never from the message). */
  readonly timeoutMs: number | undefined;

  /** Present when retryable, in the shape `@smithy` classifiers read. */
  readonly $retryable?: { readonly throttling: false };

  constructor(
    fields: { kind: NetworkFailureKind; errno: string | undefined; endpoint: string; detail: string; errorClass?: 'transient' | 'non-retryable'; timeoutMs?: number | undefined },
    options?: { cause?: unknown },
  ) {
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
    this.timeoutMs = fields.timeoutMs;
    this.errorClass = fields.errorClass ?? (fields.kind === 'aborted' ? 'non-retryable' : 'transient');
    this.retryable = this.errorClass !== 'non-retryable';
    if (this.retryable) this.$retryable = { throttling: false };
  }
}

/** A service answered 2xx with a body the client cannot read. @public */
export class ResponseParseError extends RolecallError {
  static override readonly brand: symbol = Symbol.for('rolecall.core.ResponseParseError');
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
  static override readonly brand: symbol = Symbol.for('rolecall.core.CredentialsProviderError');
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
  static override readonly brand: symbol = Symbol.for('rolecall.core.CredentialsNotConfiguredError');
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

/** A shared config file has a syntax problem inside the selected profile. @public */
export class ProfileFileParseError extends RolecallError {
  static override readonly brand: symbol = Symbol.for('rolecall.core.ProfileFileParseError');
  readonly profile: string;
  readonly file: string;
  /** 1-based; 0 when the file could not be read at all. */
  readonly line: number;
  constructor(profile: string, file: string, line: number, detail: string) {
    super('ERR_ROLECALL_PROFILE_FILE_PARSE', `profile ${profile} cannot be used: ${detail}; fix that line of ${file} or select another profile`);
    this.name = 'ProfileFileParseError';
    this.profile = profile;
    this.file = file;
    this.line = line;
  }
}

/** The selected (or a referenced) profile is in neither shared file. @public */
export class ProfileNotFoundError extends RolecallError {
  static override readonly brand: symbol = Symbol.for('rolecall.core.ProfileNotFoundError');
  readonly profile: string;
  readonly referencedFrom: string | undefined;
  constructor(profile: string, files: { configFile: string; credentialsFile: string }, referencedFrom?: string, hint?: string) {
    const from = referencedFrom === undefined ? '' : ` (source_profile of profile ${referencedFrom})`;
    const extra = hint === undefined ? '' : `; note: ${hint}`;
    super(
      'ERR_ROLECALL_PROFILE_NOT_FOUND',
      `profile ${profile}${from} is not defined in ${files.configFile} ([profile ${profile}]) or ${files.credentialsFile} ([${profile}]); check AWS_PROFILE / --profile and AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE${extra}`,
    );
    this.name = 'ProfileNotFoundError';
    this.profile = profile;
    this.referencedFrom = referencedFrom;
  }
}

/** A profile's settings do not make a usable credential source (missing keys, conflicting or looping references). @public */
export class ProfileConfigError extends RolecallError {
  static override readonly brand: symbol = Symbol.for('rolecall.core.ProfileConfigError');
  readonly profile: string;
  /** The profiles visited, in order, when the problem was found (a cycle repeats its first member at the end). */
  readonly path: readonly string[];
  /** What kind of problem, for code to decide on (never the message): `no-credentials` when the profile holds no credential setting at all. */
  readonly reason: ProfileConfigReason;
  constructor(profile: string, detail: string, path: readonly string[] = [profile], reason: ProfileConfigReason = 'invalid') {
    super('ERR_ROLECALL_PROFILE_CONFIG', `profile ${profile}: ${detail}`);
    this.name = 'ProfileConfigError';
    this.profile = profile;
    this.path = path;
    this.reason = reason;
  }
}

/** Why a profile cannot be used: it holds no credential setting, or a setting is wrong. @public */
export type ProfileConfigReason = 'no-credentials' | 'invalid';

/** What a {@link NotRegularFileError} found at the path. @public */
export type NonRegularFileType = 'directory' | 'FIFO (named pipe)' | 'character device' | 'block device' | 'socket' | 'special file';

/**
 * A file the core reads (a shared config or credentials file, a token file)
 * is not a regular file: a FIFO would block the read forever and a device
 * such as /dev/zero never ends, so the core refuses to open it for reading.
 * @public
 */
export class NotRegularFileError extends RolecallError {
  static override readonly brand: symbol = Symbol.for('rolecall.core.NotRegularFileError');
  readonly path: string;
  readonly fileType: NonRegularFileType;
  /** Where the path leads when it is a symbolic link. */
  readonly realPath: string | undefined;
  constructor(path: string, fileType: NonRegularFileType, realPath?: string) {
    const via = realPath === undefined || realPath === path ? '' : ` (it leads to ${realPath})`;
    super(
      'ERR_ROLECALL_NOT_REGULAR_FILE',
      `${path} is a ${fileType}${via}, not a regular file, so it was not read (a FIFO can block forever, a device may never end); ` +
        'make it a regular file, or point the setting that names it (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, the token file variable) at one',
    );
    this.name = 'NotRegularFileError';
    this.path = path;
    this.fileType = fileType;
    this.realPath = realPath;
  }
}

/** A file the core reads is larger than it reads from such a file (`maxBytes`). @public */
export class FileTooLargeError extends RolecallError {
  static override readonly brand: symbol = Symbol.for('rolecall.core.FileTooLargeError');
  readonly path: string;
  readonly maxBytes: number;
  /** The file's size when it was known before reading. */
  readonly sizeBytes: number | undefined;
  constructor(path: string, maxBytes: number, sizeBytes?: number) {
    const size = sizeBytes === undefined ? 'more' : `${sizeBytes} bytes`;
    super(
      'ERR_ROLECALL_FILE_TOO_LARGE',
      `${path} is ${size}, over the ${maxBytes} bytes read from a file of this kind, so it was not read; ` +
        'point the setting that names it (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, the token file variable) at the right file',
    );
    this.name = 'FileTooLargeError';
    this.path = path;
    this.maxBytes = maxBytes;
    this.sizeBytes = sizeBytes;
  }
}

/** An IMDS request failed: HTTP status or transport problem, with the likely cause when one is known. @public */
export class ImdsError extends RolecallError {
  static override readonly brand: symbol = Symbol.for('rolecall.core.ImdsError');
  readonly path: string;
  /** HTTP status, when the service answered. */
  readonly statusCode: number | undefined;
  /** The likely cause and fix, e.g. the IMDSv2 hop limit. */
  readonly hint: string | undefined;
  /** Set when the status and cause alone would mislead a retry: a diagnosis such as "nothing answers here" is `non-retryable`. */
  readonly errorClass?: 'transient' | 'non-retryable';
  constructor(
    path: string,
    detail: string,
    fields: { statusCode?: number | undefined; hint?: string | undefined; code?: string; errorClass?: 'transient' | 'non-retryable' } = {},
    options?: { cause?: unknown },
  ) {
    super(fields.code ?? 'ERR_ROLECALL_IMDS', `IMDS ${path}: ${detail}${fields.hint === undefined ? '' : `; ${fields.hint}`}`, options);
    this.name = 'ImdsError';
    this.path = path;
    this.statusCode = fields.statusCode;
    this.hint = fields.hint;
    if (fields.errorClass !== undefined) this.errorClass = fields.errorClass;
  }
}

/** IMDSv2 failed and IMDSv1 was forbidden; names what forbade it. @public */
export class ImdsV1ForbiddenError extends ImdsError {
  static override readonly brand: symbol = Symbol.for('rolecall.core.ImdsV1ForbiddenError');
  readonly forbiddenBy: string;
  constructor(path: string, tokenFailure: string, forbiddenBy: string, hint?: string) {
    super(path, `the IMDSv2 token request failed (${tokenFailure}) and IMDSv1 fallback is disabled by ${forbiddenBy}`, { hint, code: 'ERR_ROLECALL_IMDS_V1_FORBIDDEN' });
    this.name = 'ImdsV1ForbiddenError';
    this.forbiddenBy = forbiddenBy;
  }
}

/** One step of a credential resolution, as `rolecall explain` prints it. @public */
export interface CredentialsTraceStep {
  readonly provider: string;
  readonly outcome: 'ok' | 'skipped' | 'failed';
  readonly reason: string;
  readonly ms: number;
}

/**
 * No provider of a chain produced credentials. `provider` names the provider
 * the user evidently intended (a failing `AWS_PROFILE` is reported as that);
 * `trace` lists every step.
 * @public
 */
export class CredentialsUnavailableError extends CredentialsProviderError {
  static override readonly brand: symbol = Symbol.for('rolecall.core.CredentialsUnavailableError');
  readonly trace: readonly CredentialsTraceStep[];
  constructor(intended: string, reason: string, trace: readonly CredentialsTraceStep[], options?: { cause?: unknown }) {
    const steps = trace.map((s) => `  ${s.provider}: ${s.outcome} (${s.reason})`).join('\n');
    super(intended, reason, {
      tryNextLink: false,
      cause: options?.cause,
      code: 'ERR_ROLECALL_NO_CREDENTIALS',
      message: `no credentials: ${reason}\nproviders tried, in order:\n${steps}`,
    });
    this.name = 'CredentialsUnavailableError';
    this.trace = trace;
  }
}

// ---- region (src/region/) -----------------------------------------------

/** A configured region is not a region name (`us east 1`, `US-EAST-1 `). @public */
export class InvalidRegionError extends RolecallError {
  static override readonly brand: symbol = Symbol.for('rolecall.core.InvalidRegionError');
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
