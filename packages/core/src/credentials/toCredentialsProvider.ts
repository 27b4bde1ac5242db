import { InvalidOptionError } from '../errors.js';
import type { CredentialsIdentity, CredentialsProvider } from '../identity/Credentials.js';
import { fromStatic } from './fromStatic.js';

const USAGE = 'pass { accessKeyId, secretAccessKey, sessionToken?, expiration? } or a provider, an async function that returns them';

/**
 * What `createClient({ credentials })` takes, as a provider: a provider as
 * is, an identity object (the SDK's `AwsCredentialIdentity`) as a static
 * provider. Anything else throws an {@link InvalidOptionError} that names
 * what is wrong, never a value (it may be a secret).
 * @internal
 */
export function toCredentialsProvider(value: CredentialsIdentity | CredentialsProvider): CredentialsProvider {
  if (typeof value === 'function') return value;
  if (typeof value !== 'object' || value === null) {
    throw new InvalidOptionError('credentials', `credentials must be an object or a function, got ${value === null ? 'null' : typeof value}; ${USAGE}`);
  }
  if (typeof (value as { then?: unknown }).then === 'function') {
    throw new InvalidOptionError('credentials', `credentials is a Promise; pass the provider itself (not its result), or await it first; ${USAGE}`);
  }
  const fields = value as unknown as Record<string, unknown>;
  const wrong = (['accessKeyId', 'secretAccessKey'] as const).filter((k) => typeof fields[k] !== 'string' || (fields[k] as string).trim() === '');
  if (wrong.length > 0) {
    const keys = Object.keys(fields);
    throw new InvalidOptionError(
      'credentials',
      `credentials.${wrong.join(' and credentials.')} must be a non-empty string (the object has ${keys.length === 0 ? 'no keys' : `keys ${keys.join(', ')}`}); ${USAGE}`,
    );
  }
  if (fields['sessionToken'] !== undefined && typeof fields['sessionToken'] !== 'string') {
    throw new InvalidOptionError('credentials', `credentials.sessionToken must be a string when given, got ${typeof fields['sessionToken']}`);
  }
  const expiration = fields['expiration'];
  if (expiration !== undefined && !(expiration instanceof Date && !Number.isNaN(expiration.getTime()))) {
    throw new InvalidOptionError('credentials', 'credentials.expiration must be a valid Date when given');
  }
  return fromStatic(value);
}
