import type { Credentials } from '../identity/Credentials.js';
import type { AwsClient, ResponseMetadata } from '../http/createSignedClient.js';
import { InvalidOptionError } from '../errors.js';
import { xmlText } from '../http/xml.js';
import { callSts, type StsCallOptions, type StsParams } from './callSts.js';
import { assumedRoleParts, flattenLists, requireRoleInput, type AssumedRoleUser } from './assumeRole.js';
import { accountOfArn, stsCredentials } from './stsCredentials.js';

/** @public */
export interface AssumeRoleWithWebIdentityInput {
  readonly RoleArn: string;
  readonly RoleSessionName: string;
  /** The OIDC token (e.g. the contents of `AWS_WEB_IDENTITY_TOKEN_FILE`). Never logged. */
  readonly WebIdentityToken: string;
  readonly ProviderId?: string;
  readonly Policy?: string;
  readonly PolicyArns?: readonly { readonly arn: string }[];
  readonly DurationSeconds?: number;
}

/** @public */
export interface AssumeRoleWithWebIdentityOutput {
  /** Source `web-identity`. */
  readonly Credentials: Credentials;
  readonly AssumedRoleUser: AssumedRoleUser;
  readonly SubjectFromWebIdentityToken?: string;
  readonly Provider?: string;
  readonly Audience?: string;
  readonly PackedPolicySize?: number;
  readonly SourceIdentity?: string;
  readonly $metadata: ResponseMetadata;
}

/**
 * STS AssumeRoleWithWebIdentity. Sent **unsigned** (the model's `noAuth`):
 * the token is the proof, so the client's credentials are never asked for —
 * which is what lets the web-identity provider run with no other credentials.
 *
 * @example
 * ```ts
 * const out = await assumeRoleWithWebIdentity(client, { RoleArn, RoleSessionName: 'ci', WebIdentityToken: token });
 * ```
 * @public
 */
export async function assumeRoleWithWebIdentity(
  client: AwsClient,
  input: AssumeRoleWithWebIdentityInput,
  options: StsCallOptions = {},
): Promise<AssumeRoleWithWebIdentityOutput> {
  const action = 'AssumeRoleWithWebIdentity';
  requireRoleInput(action, input);
  if (input.WebIdentityToken.trim() === '') throw new InvalidOptionError('WebIdentityToken', `${action} needs a WebIdentityToken; is the token file empty?`);
  const params: StsParams = {
    RoleArn: input.RoleArn,
    RoleSessionName: input.RoleSessionName,
    WebIdentityToken: input.WebIdentityToken,
    ProviderId: input.ProviderId,
    Policy: input.Policy,
    DurationSeconds: input.DurationSeconds,
    ...flattenLists(input),
  };
  const { result, $metadata } = await callSts(client, action, params, { ...options, signed: false });
  const parts = assumedRoleParts(result, action, $metadata);
  const optional = (name: 'SubjectFromWebIdentityToken' | 'Provider' | 'Audience'): Record<string, string> => {
    const value = xmlText(result, name);
    return value === undefined ? {} : { [name]: value };
  };
  return {
    Credentials: stsCredentials(result, action, $metadata, { source: 'web-identity', accountId: accountOfArn(parts.AssumedRoleUser.Arn) }),
    ...parts,
    ...optional('SubjectFromWebIdentityToken'),
    ...optional('Provider'),
    ...optional('Audience'),
    $metadata,
  };
}
