/** Where a set of credentials came from (the `source` of `rolecall explain`). @public */
export type CredentialSource =
  | 'static'
  | 'env'
  | 'profile'
  | 'assume-role'
  | 'process'
  | 'web-identity'
  | 'container'
  | 'imds';

/** AWS credentials. The secret and the token must never be printed, logged, thrown or journaled. @public */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** When they stop working; absent for long-term keys. */
  readonly expiration?: Date;
  readonly source?: CredentialSource;
  readonly accountId?: string;
}

/** Anything resolved lazily: credentials, a region, a token. @public */
export type Provider<T> = () => Promise<T>;

/**
 * What a caller (the signed client) may tell a credentials provider on a
 * call, in the place of the AWS SDK's identity properties. A provider that
 * caches reads it; any other provider ignores it (a plain
 * `() => Promise<Credentials>` is a {@link CredentialsProvider}).
 * @public
 */
export interface CredentialsCallOptions {
  /** The server's time minus the local clock, learnt from a response's `Date` header: expiry is judged on the server's clock (docs/decisions/0084). */
  readonly clockSkewMs?: number;
  /** Skip the cache (the SDK's `forceRefresh`). With `expired`, a cache refreshes only while it still holds those credentials. */
  readonly forceRefresh?: boolean;
  /** Credentials the service refused as expired (`ExpiredToken`): never serve them again. */
  readonly expired?: Credentials;
}

/** A credentials provider, in the shape of the SDK's `AwsCredentialIdentityProvider`. @public */
export type CredentialsProvider = (options?: CredentialsCallOptions) => Promise<Credentials>;

/** Credentials as a value, in the shape of the SDK's `AwsCredentialIdentity`: what `createClient({ credentials })` takes besides a provider. @public */
export interface CredentialsIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
  readonly expiration?: Date | undefined;
  readonly accountId?: string | undefined;
}

/** Whether two sets of credentials are the same session (same key, same token): refetching them cannot help. @internal */
export function sameSession(a: Credentials, b: Credentials): boolean {
  return a.accessKeyId === b.accessKeyId && a.sessionToken === b.sessionToken;
}

/** Masks an access key id to its last four characters: `****MPLE`. @public */
export function maskAccessKeyId(accessKeyId: string): string {
  return `****${accessKeyId.slice(-4)}`;
}
