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

/** Masks an access key id to its last four characters: `****MPLE`. @public */
export function maskAccessKeyId(accessKeyId: string): string {
  return `****${accessKeyId.slice(-4)}`;
}
