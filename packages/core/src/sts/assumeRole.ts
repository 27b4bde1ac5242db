import type { Credentials } from '../identity/Credentials.js';
import type { AwsClient, ResponseMetadata } from '../http/createSignedClient.js';
import { InvalidOptionError } from '../errors.js';
import { xmlText } from '../http/xml.js';
import { callSts, requiredText, type StsCallOptions, type StsParams } from './callSts.js';
import { accountOfArn, stsCredentials } from './stsCredentials.js';

/** A session tag. @public */
export interface StsTag {
  readonly Key: string;
  readonly Value: string;
}

/** @public */
export interface AssumeRoleInput {
  readonly RoleArn: string;
  readonly RoleSessionName: string;
  /** 900 to 43200, capped by the role's maximum; STS defaults to 3600. */
  readonly DurationSeconds?: number;
  readonly ExternalId?: string;
  /** An inline session policy (JSON). */
  readonly Policy?: string;
  readonly PolicyArns?: readonly { readonly arn: string }[];
  readonly Tags?: readonly StsTag[];
  readonly TransitiveTagKeys?: readonly string[];
  readonly SerialNumber?: string;
  readonly TokenCode?: string;
  readonly SourceIdentity?: string;
}

/** @public */
export interface AssumedRoleUser {
  readonly AssumedRoleId: string;
  readonly Arn: string;
}

/** @public */
export interface AssumeRoleOutput {
  /** Source `assume-role`, `expiration` a Date, `accountId` from the role ARN. */
  readonly Credentials: Credentials;
  readonly AssumedRoleUser: AssumedRoleUser;
  readonly PackedPolicySize?: number;
  readonly SourceIdentity?: string;
  readonly $metadata: ResponseMetadata;
}

/** Flattens the Query protocol's lists: `PolicyArns.member.1.arn`, `Tags.member.1.Key`. @internal */
export function flattenLists(input: {
  readonly PolicyArns?: readonly { readonly arn: string }[] | undefined;
  readonly Tags?: readonly StsTag[] | undefined;
  readonly TransitiveTagKeys?: readonly string[] | undefined;
}): Record<string, string> {
  const out: Record<string, string> = {};
  input.PolicyArns?.forEach((p, i) => (out[`PolicyArns.member.${i + 1}.arn`] = p.arn));
  input.Tags?.forEach((t, i) => {
    out[`Tags.member.${i + 1}.Key`] = t.Key;
    out[`Tags.member.${i + 1}.Value`] = t.Value;
  });
  input.TransitiveTagKeys?.forEach((k, i) => (out[`TransitiveTagKeys.member.${i + 1}`] = k));
  return out;
}

/** Checks the members every role operation needs, before a request is signed. @internal */
export function requireRoleInput(operation: string, input: { readonly RoleArn: string; readonly RoleSessionName: string; readonly DurationSeconds?: number | undefined }): void {
  if (input.RoleArn.trim() === '') throw new InvalidOptionError('RoleArn', `${operation} needs a RoleArn such as arn:aws:iam::123456789012:role/Deploy`);
  if (input.RoleSessionName.trim() === '') throw new InvalidOptionError('RoleSessionName', `${operation} needs a RoleSessionName (2-64 characters of [\\w+=,.@-])`);
  if (input.DurationSeconds !== undefined && !Number.isInteger(input.DurationSeconds)) {
    throw new InvalidOptionError('DurationSeconds', `${operation} DurationSeconds must be a whole number of seconds, got ${input.DurationSeconds}`);
  }
}

/** Reads `AssumedRoleUser`, `PackedPolicySize` and `SourceIdentity` shared by the role operations. @internal */
export function assumedRoleParts(result: Parameters<typeof requiredText>[0], action: string, $metadata: ResponseMetadata): { AssumedRoleUser: AssumedRoleUser; PackedPolicySize?: number; SourceIdentity?: string } {
  const AssumedRoleUser = {
    AssumedRoleId: requiredText(result, action, $metadata, 'AssumedRoleUser', 'AssumedRoleId'),
    Arn: requiredText(result, action, $metadata, 'AssumedRoleUser', 'Arn'),
  };
  const packed = xmlText(result, 'PackedPolicySize');
  const sourceIdentity = xmlText(result, 'SourceIdentity');
  return {
    AssumedRoleUser,
    ...(packed === undefined ? {} : { PackedPolicySize: Number(packed) }),
    ...(sourceIdentity === undefined ? {} : { SourceIdentity: sourceIdentity }),
  };
}

/**
 * STS AssumeRole: temporary credentials for a role, signed with the client's
 * credentials.
 *
 * @example
 * ```ts
 * const { Credentials } = await assumeRole(client, { RoleArn, RoleSessionName: 'deploy' });
 * const asRole = createClient({ credentials: fromStatic(Credentials) });
 * ```
 * @public
 */
export async function assumeRole(client: AwsClient, input: AssumeRoleInput, options: StsCallOptions = {}): Promise<AssumeRoleOutput> {
  const action = 'AssumeRole';
  requireRoleInput(action, input);
  const params: StsParams = {
    RoleArn: input.RoleArn,
    RoleSessionName: input.RoleSessionName,
    DurationSeconds: input.DurationSeconds,
    ExternalId: input.ExternalId,
    Policy: input.Policy,
    SerialNumber: input.SerialNumber,
    TokenCode: input.TokenCode,
    SourceIdentity: input.SourceIdentity,
    ...flattenLists(input),
  };
  const { result, $metadata } = await callSts(client, action, params, options);
  const parts = assumedRoleParts(result, action, $metadata);
  return {
    Credentials: stsCredentials(result, action, $metadata, { source: 'assume-role', accountId: accountOfArn(parts.AssumedRoleUser.Arn) }),
    ...parts,
    $metadata,
  };
}
