import { ImdsError } from '../errors.js';
import type { Credentials } from '../identity/Credentials.js';

/**
 * The credential document IMDS and the container endpoint both serve
 * (`{ Code, AccessKeyId, SecretAccessKey, Token, Expiration, AccountId }`),
 * validated. Its own module, so the container provider does not load the
 * IMDS client for it.
 * @internal
 */
export function parseCredentialsDocument(body: Record<string, unknown>, where: string): Credentials {
  if (body['Code'] !== undefined && body['Code'] !== 'Success') {
    throw new ImdsError(where, `credentials not available: Code ${JSON.stringify(body['Code'])}`);
  }
  const { AccessKeyId, SecretAccessKey, Token, Expiration } = body;
  if (typeof AccessKeyId !== 'string' || typeof SecretAccessKey !== 'string' || AccessKeyId === '' || SecretAccessKey === '') {
    throw new ImdsError(where, 'the credential document lacks AccessKeyId or SecretAccessKey');
  }
  const expiration = typeof Expiration === 'string' ? new Date(Expiration) : undefined;
  if (expiration !== undefined && Number.isNaN(expiration.getTime())) throw new ImdsError(where, `Expiration ${JSON.stringify(Expiration)} is not a date`);
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    ...(typeof Token === 'string' && Token !== '' ? { sessionToken: Token } : {}),
    ...(expiration === undefined ? {} : { expiration }),
    ...(typeof body['AccountId'] === 'string' ? { accountId: body['AccountId'] } : {}),
    source: 'imds',
  };
}
