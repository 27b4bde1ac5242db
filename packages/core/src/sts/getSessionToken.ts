import type { Credentials } from '../identity/Credentials.js';
import type { AwsClient, ResponseMetadata } from '../http/createSignedClient.js';
import { InvalidOptionError } from '../errors.js';
import { callSts, type StsCallOptions } from './callSts.js';
import { stsCredentials } from './stsCredentials.js';

/** @public */
export interface GetSessionTokenInput {
  /** 900 to 129600 (root: at most 3600); STS defaults to 43200. */
  readonly DurationSeconds?: number;
  /** MFA device serial or ARN, with `TokenCode`. */
  readonly SerialNumber?: string;
  readonly TokenCode?: string;
}

/** @public */
export interface GetSessionTokenOutput {
  /** No `source`: where they count as coming from is the caller's call. */
  readonly Credentials: Credentials;
  readonly $metadata: ResponseMetadata;
}

/**
 * STS GetSessionToken: temporary credentials for the calling IAM user
 * (optionally MFA-authenticated).
 *
 * @example
 * ```ts
 * const { Credentials } = await getSessionToken(client, { DurationSeconds: 3600 });
 * ```
 * @public
 */
export async function getSessionToken(client: AwsClient, input: GetSessionTokenInput = {}, options: StsCallOptions = {}): Promise<GetSessionTokenOutput> {
  const action = 'GetSessionToken';
  if (input.DurationSeconds !== undefined && !Number.isInteger(input.DurationSeconds)) {
    throw new InvalidOptionError('DurationSeconds', `${action} DurationSeconds must be a whole number of seconds, got ${input.DurationSeconds}`);
  }
  const { result, $metadata } = await callSts(
    client,
    action,
    { DurationSeconds: input.DurationSeconds, SerialNumber: input.SerialNumber, TokenCode: input.TokenCode },
    options,
  );
  return { Credentials: stsCredentials(result, action, $metadata, {}), $metadata };
}
