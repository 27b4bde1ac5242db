import type { AwsClient, ResponseMetadata } from '../http/createSignedClient.js';
import { callSts, requiredText, type StsCallOptions } from './callSts.js';

/** @public */
export interface GetCallerIdentityOutput {
  readonly Account: string;
  readonly Arn: string;
  readonly UserId: string;
  readonly $metadata: ResponseMetadata;
}

/**
 * STS GetCallerIdentity: who the client's credentials belong to. Needs no
 * permission, so it is the cheapest way to check credentials work.
 *
 * @example
 * ```ts
 * const { Account, Arn } = await getCallerIdentity(createClient());
 * ```
 * @public
 */
export async function getCallerIdentity(client: AwsClient, options: StsCallOptions = {}): Promise<GetCallerIdentityOutput> {
  const action = 'GetCallerIdentity';
  const { result, $metadata } = await callSts(client, action, {}, options);
  return {
    Account: requiredText(result, action, $metadata, 'Account'),
    Arn: requiredText(result, action, $metadata, 'Arn'),
    UserId: requiredText(result, action, $metadata, 'UserId'),
    $metadata,
  };
}
