/**
 * The build entry of `dist/credentials.js` (not a public module): the
 * `@rolecall/core/credentials` API, plus the modules the package root shares
 * with it. The root bundle imports these from `./credentials.js` instead of
 * carrying copies, so both entry points have one set of error classes and one
 * process-wide credentials cache (rolldown.config.mjs, docs/decisions/0069).
 */
export {
  defaultCredentials,
  createDefaultChain,
  DEFAULT_CREDENTIALS_DEADLINE_MS,
  chain,
  createChain,
  memoize,
  fromEnv,
  fromStatic,
  maskAccessKeyId,
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
} from './credentials.js';
// Shared with the root entry only.
export {
  InvalidOptionError,
  RetryGaveUpError,
  RetryAttemptsExhaustedError,
  RetryQuotaExhaustedError,
  RetryDeadlineExceededError,
  RetryBudgetExhaustedError,
  RetryAbortedError,
  RateLimitedError,
  RetryNotRetryableError,
  AwsServiceError,
  NetworkError,
  ResponseParseError,
  InvalidRegionError,
} from './errors.js';
export { systemClock, sleep, createVirtualClock, monotonicMs } from './time/clock.js';
export { systemRandom, seededRandom } from './random/random.js';
export { envValue } from './config/Env.js';
export { sameSession } from './identity/Credentials.js';
export { describeCredentials, intendedProvider, named } from './credentials/chain.js';
export { loadSharedConfig, mergeSharedConfig, nodeReadFileFs, resolveConfigFiles, resolveProfileName } from './config/loadSharedConfig.js';
export { MAX_SHARED_CONFIG_FILE_BYTES, MAX_TOKEN_FILE_BYTES, readBoundedFile } from './config/readBoundedFile.js';
export { parseProfileFile } from './config/parseProfileFile.js';
export { describeStaticKeys, originOf, staticKeysCredentials } from './credentials/staticKeysCredentials.js';
export { noProfileError, planProfile, profileValue, resolveProfileChain, staticKeys } from './credentials/resolveProfileChain.js';
export { ENV_ACCESS_KEY_ID, ENV_SECRET_ACCESS_KEY, ENV_SESSION_TOKEN, ENV_CREDENTIAL_EXPIRATION, ENV_ACCOUNT_ID } from './credentials/fromEnv.js';
