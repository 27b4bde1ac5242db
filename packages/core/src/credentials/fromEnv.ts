import { envValue, type Env } from '../config/Env.js';
import { CredentialsNotConfiguredError, CredentialsProviderError } from '../errors.js';
import type { Credentials, Provider } from '../identity/Credentials.js';

/** @public */
export const ENV_ACCESS_KEY_ID = 'AWS_ACCESS_KEY_ID';
/** @public */
export const ENV_SECRET_ACCESS_KEY = 'AWS_SECRET_ACCESS_KEY';
/** @public */
export const ENV_SESSION_TOKEN = 'AWS_SESSION_TOKEN';
/** @public */
export const ENV_CREDENTIAL_EXPIRATION = 'AWS_CREDENTIAL_EXPIRATION';
/** @public */
export const ENV_ACCOUNT_ID = 'AWS_ACCOUNT_ID';

/** @public */
export interface FromEnvOptions {
  /** Defaults to `process.env`; read on every call, never at construction. */
  readonly env?: Env;
}

/**
 * Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, and
 * optionally `AWS_SESSION_TOKEN`, `AWS_CREDENTIAL_EXPIRATION` (ISO 8601) and
 * `AWS_ACCOUNT_ID`; blank counts as unset. No key id: skipped
 * ({@link CredentialsNotConfiguredError}). A key id without its secret, or an
 * unreadable expiration, is a failure that ends the chain, as in botocore
 * (docs/decisions/0053).
 *
 * @example
 * ```ts
 * const credentials = await fromEnv({ env: process.env })();
 * ```
 * @public
 */
export function fromEnv(options: FromEnvOptions = {}): Provider<Credentials> {
  return async () => {
    const env = options.env ?? process.env;
    const accessKeyId = envValue(env, ENV_ACCESS_KEY_ID);
    const secretAccessKey = envValue(env, ENV_SECRET_ACCESS_KEY);
    if (accessKeyId === undefined) {
      const reason =
        secretAccessKey === undefined
          ? `${ENV_ACCESS_KEY_ID} is not set`
          : `${ENV_ACCESS_KEY_ID} is not set (${ENV_SECRET_ACCESS_KEY} is set but unused)`;
      throw new CredentialsNotConfiguredError('env', reason, `${ENV_ACCESS_KEY_ID} and ${ENV_SECRET_ACCESS_KEY}`);
    }
    if (secretAccessKey === undefined) {
      throw new CredentialsProviderError('env', `${ENV_ACCESS_KEY_ID} is set but ${ENV_SECRET_ACCESS_KEY} is not`, {
        message: `env credentials failed: ${ENV_ACCESS_KEY_ID} is set but ${ENV_SECRET_ACCESS_KEY} is not; set both, or unset ${ENV_ACCESS_KEY_ID} to let the chain use another provider`,
      });
    }
    const sessionToken = envValue(env, ENV_SESSION_TOKEN);
    const expirationText = envValue(env, ENV_CREDENTIAL_EXPIRATION);
    const expiration = expirationText === undefined ? undefined : new Date(expirationText);
    if (expiration !== undefined && Number.isNaN(expiration.getTime())) {
      throw new CredentialsProviderError('env', `${ENV_CREDENTIAL_EXPIRATION} is not an ISO 8601 date`, {
        message: `env credentials failed: ${ENV_CREDENTIAL_EXPIRATION}=${JSON.stringify(expirationText)} is not an ISO 8601 date such as 2026-11-28T08:00:00Z`,
      });
    }
    const accountId = envValue(env, ENV_ACCOUNT_ID);
    return {
      accessKeyId,
      secretAccessKey,
      ...(sessionToken === undefined ? {} : { sessionToken }),
      ...(expiration === undefined ? {} : { expiration }),
      ...(accountId === undefined ? {} : { accountId }),
      source: 'env',
    };
  };
}
