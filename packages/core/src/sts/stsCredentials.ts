import type { Credentials, CredentialSource } from '../identity/Credentials.js';
import type { ResponseMetadata } from '../http/createSignedClient.js';
import type { XmlNode } from '../http/xml.js';
import { ResponseParseError } from '../errors.js';
import { requiredText } from './callSts.js';

/** The account id inside an ARN (`arn:aws:sts::123456789012:assumed-role/...`). @internal */
export function accountOfArn(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account === undefined || !/^\d{12}$/.test(account) ? undefined : account;
}

/** Turns an STS `<Credentials>` element into {@link Credentials}, all four members required. @internal */
export function stsCredentials(
  result: XmlNode,
  action: string,
  $metadata: ResponseMetadata,
  extra: { readonly source?: CredentialSource; readonly accountId?: string | undefined },
): Credentials {
  const text = (name: string): string => requiredText(result, action, $metadata, 'Credentials', name);
  const expirationText = text('Expiration');
  const expiration = new Date(expirationText);
  if (Number.isNaN(expiration.getTime())) {
    throw new ResponseParseError({ service: 'sts', action, statusCode: $metadata.httpStatusCode, requestId: $metadata.requestId, detail: `Credentials/Expiration ${JSON.stringify(expirationText)} is not a date` });
  }
  return {
    accessKeyId: text('AccessKeyId'),
    secretAccessKey: text('SecretAccessKey'),
    sessionToken: text('SessionToken'),
    expiration,
    ...(extra.source === undefined ? {} : { source: extra.source }),
    ...(extra.accountId === undefined ? {} : { accountId: extra.accountId }),
  };
}
