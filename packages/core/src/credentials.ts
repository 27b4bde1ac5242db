/**
 * `@rolecall/core/credentials`: the default credential chain on its own, for
 * programs that only need credentials (as `@aws-sdk/credential-providers` is to
 * the SDK). It loads a fraction of the package; each provider's code, and any
 * HTTP stack, loads only when the chain reaches it (docs/decisions/0069).
 * The same functions and error classes as the package root: an error thrown
 * here is `instanceof` the root's classes.
 */
export { defaultCredentials, createDefaultChain, DEFAULT_CREDENTIALS_DEADLINE_MS } from './credentials/defaultCredentials.js';
export type { DefaultCredentialsOptions } from './credentials/defaultCredentials.js';
export { chain, createChain } from './credentials/chain.js';
export type { ChainOptions, ChainProvider, ChainResult, NamedProvider, ProviderContext } from './credentials/chain.js';
export { memoize } from './credentials/memoize.js';
export type { CredentialsLogger, MemoizedProvider, MemoizeOptions } from './credentials/memoize.js';
export { fromEnv } from './credentials/fromEnv.js';
export type { FromEnvOptions } from './credentials/fromEnv.js';
export { fromStatic } from './credentials/fromStatic.js';
export type { StaticCredentialsOptions } from './credentials/fromStatic.js';
export { maskAccessKeyId } from './identity/Credentials.js';
export type { Credentials, CredentialsCallOptions, CredentialsIdentity, CredentialsProvider, CredentialSource, Provider } from './identity/Credentials.js';
export type { Env } from './config/Env.js';
export {
  RolecallError,
  CredentialsProviderError,
  CredentialsNotConfiguredError,
  CredentialsUnavailableError,
  ProfileFileParseError,
  ProfileNotFoundError,
  ProfileConfigError,
  ImdsError,
  ImdsV1ForbiddenError,
  NotRegularFileError,
  FileTooLargeError,
} from './errors.js';
export type { CredentialsTraceStep, NonRegularFileType } from './errors.js';
