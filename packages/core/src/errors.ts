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

// ---- credentials, config files, imds (src/credentials/, src/config/, src/imds/) ----

// ---- region (src/region/) -----------------------------------------------
