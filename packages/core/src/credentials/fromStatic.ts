import { CredentialsProviderError } from '../errors.js';
import type { Credentials, CredentialsIdentity, Provider } from '../identity/Credentials.js';

/** The keys {@link fromStatic} serves: an identity object, as `createClient({ credentials })` takes. @public */
export type StaticCredentialsOptions = CredentialsIdentity;

/**
 * A provider that always answers the same credentials (source `static`):
 * for tests, and for keys that came from somewhere the chain does not know.
 * Checked once, up front, so a blank key fails where it was passed in.
 *
 * @example
 * ```ts
 * const client = createClient({ credentials: fromStatic({ accessKeyId, secretAccessKey }) });
 * ```
 * @public
 */
export function fromStatic(options: StaticCredentialsOptions): Provider<Credentials> {
  if (options.accessKeyId.trim() === '' || options.secretAccessKey.trim() === '') {
    const missing = options.accessKeyId.trim() === '' ? 'accessKeyId' : 'secretAccessKey';
    throw new CredentialsProviderError('static', `${missing} is empty; pass both accessKeyId and secretAccessKey`);
  }
  if (options.expiration !== undefined && Number.isNaN(options.expiration.getTime())) {
    throw new CredentialsProviderError('static', 'expiration is an invalid Date');
  }
  const credentials: Credentials = Object.freeze({
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    ...(options.sessionToken === undefined || options.sessionToken === '' ? {} : { sessionToken: options.sessionToken }),
    ...(options.expiration === undefined ? {} : { expiration: options.expiration }),
    ...(options.accountId === undefined ? {} : { accountId: options.accountId }),
    source: 'static' as const,
  });
  return async () => credentials;
}
