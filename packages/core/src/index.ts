export { systemClock, sleep, createVirtualClock } from './time/clock.js';
export type { Clock, CancelTimer, VirtualClock } from './time/clock.js';
export { systemRandom, seededRandom } from './random/random.js';
export type { Random } from './random/random.js';
export { maskAccessKeyId } from './credentials/Credentials.js';
export type { Credentials, CredentialsCallOptions, CredentialsIdentity, CredentialsProvider, CredentialSource, Provider } from './credentials/Credentials.js';
export type { Env } from './config/Env.js';
export { RolecallError, InvalidOptionError } from './errors.js';

// ---- retry engine (src/retry/) ------------------------------------------------
// Pure seeded backoffs; strategies behind the SDKs' token protocol (acquire /
// refresh / recordSuccess), each with its quota and limiter state readable;
// `retry()` for any async function; `retryInterceptor()` for undici.
// See docs/decisions/0040-0043.
/** The token protocol and the classification a strategy is given. @public */
export type { ErrorClass, RetryErrorInfo, RetryToken, RetryStrategy, StrategyName } from './retry/types.js';
/** Backoff functions `(retryIndex, random, previousDelayMs?) => ms`. @public */
export {
  noBackoff,
  constantBackoff,
  exponentialBackoff,
  fullJitterBackoff,
  equalJitterBackoff,
  decorrelatedJitterBackoff,
  MAX_BACKOFF_MS,
} from './retry/backoff.js';
export type { Backoff, ExponentialBackoffOptions } from './retry/backoff.js';
/** Error and response classification, server hints. @public */
export {
  classifyError,
  classifyResponse,
  THROTTLING_ERROR_CODES,
  TRANSIENT_ERROR_CODES,
  TRANSIENT_STATUS_CODES,
  NETWORK_ERROR_CODES,
} from './retry/classifyError.js';
export type { ResponseLike } from './retry/classifyError.js';
export { parseRetryAfter, parseRetryAfterValue } from './retry/parseRetryAfter.js';
export type { HeadersLike } from './retry/parseRetryAfter.js';
/** Retry quotas (per client, shared, fair share) and the CUBIC limiter. @public */
export { createRetryQuota, INITIAL_RETRY_TOKENS } from './retry/createRetryQuota.js';
export type { RetryQuota, RetryQuotaOptions } from './retry/createRetryQuota.js';
/** Finagle-style retry budget (retries as a share of recent requests), the `rolecall` default. @public */
export { createRetryBudget, DEFAULT_RETRY_BUDGET } from './retry/createRetryBudget.js';
export type { RetryBudget, RetryBudgetOptions } from './retry/createRetryBudget.js';
export { createFairShareQuota } from './retry/createFairShareQuota.js';
export type { FairShareQuota, FairShareQuotaOptions } from './retry/createFairShareQuota.js';
export { createRateLimiter } from './retry/createRateLimiter.js';
export type { RateLimiter, RateLimiterOptions } from './retry/createRateLimiter.js';
/** Strategies, by factory or by name. @public */
export { RETRY_AFTER_MAX_EXTRA_MS } from './retry/createTokenStrategy.js';
export type { ObservableRetryStrategy, StrategyToken, RetryAfterPolicy } from './retry/createTokenStrategy.js';
export { createStandardRetryStrategy, STANDARD_RETRY_CONSTANTS, DEFAULT_MAX_ATTEMPTS } from './retry/createStandardRetryStrategy.js';
export type { StandardRetryStrategyOptions, StandardRetryConstants } from './retry/createStandardRetryStrategy.js';
export { createAdaptiveRetryStrategy } from './retry/createAdaptiveRetryStrategy.js';
export type { AdaptiveRetryStrategyOptions } from './retry/createAdaptiveRetryStrategy.js';
export { createRolecallRetryStrategy } from './retry/createRolecallRetryStrategy.js';
export type { RolecallRetryStrategyOptions } from './retry/createRolecallRetryStrategy.js';
export { createBackoffRetryStrategy } from './retry/createBackoffRetryStrategy.js';
export type { BackoffRetryStrategyOptions } from './retry/createBackoffRetryStrategy.js';
export { createRetryStrategy, STRATEGY_NAMES, DEFAULT_BACKOFF_BASE_MS } from './retry/createRetryStrategy.js';
export type { RetryStrategyOptions } from './retry/createRetryStrategy.js';
/** `retry()` for any async function, and its errors. @public */
export { retry, retryWithStats } from './retry/retry.js';
export type { RetryAttempt, RetryRecord, RetryOptions, RetryResult, RetryAnnotation } from './retry/retry.js';
export { retryInterceptor } from './retry/retryInterceptor.js';
export type { RetryInterceptorOptions } from './retry/retryInterceptor.js';
export {
  RetryGaveUpError,
  RetryAttemptsExhaustedError,
  RetryQuotaExhaustedError,
  RetryBudgetExhaustedError,
  RetryAbortedError,
  RateLimitedError,
  RetryNotRetryableError,
} from './errors.js';
export type { RetryOutcomeFields } from './errors.js';
// ---- end retry block ------------------------------------------------------------

// ---- credentials chain, shared config files, IMDS client --------------------
// Providers are `(options) => Provider<Credentials>`; each side effect (env, fs,
// home dir, clock, random, dispatcher, exec) is an option with a real default.
export {
  ProfileFileParseError,
  ProfileNotFoundError,
  ProfileConfigError,
  ImdsError,
  ImdsV1ForbiddenError,
  CredentialsUnavailableError,
  NotRegularFileError,
  FileTooLargeError,
} from './errors.js';
export type { CredentialsTraceStep, NonRegularFileType } from './errors.js';
export { MAX_SHARED_CONFIG_FILE_BYTES, MAX_TOKEN_FILE_BYTES } from './config/readBoundedFile.js';
export type { ReadFileOptions } from './config/readBoundedFile.js';
export { parseProfileFile } from './config/parseProfileFile.js';
export type { ParsedProfileFile, ProfileFileIssue, ProfileFileKind, SettingOrigin } from './config/parseProfileFile.js';
export { loadSharedConfig, mergeSharedConfig, resolveConfigFiles, resolveProfileName } from './config/loadSharedConfig.js';
export type { ConfigFileLocations, ProfileData, ReadFileFs, SharedConfig, SharedConfigOptions } from './config/loadSharedConfig.js';
export { resolveProfileChain } from './credentials/resolveProfileChain.js';
export type { AssumeRoleStep, NamedCredentialSource, ProfileBase, ProfileChain } from './credentials/resolveProfileChain.js';
export { chain, createChain, intendedProvider } from './credentials/chain.js';
export type { ChainOptions, ChainProvider, ChainResult, NamedProvider, ProviderContext } from './credentials/chain.js';
export { memoize } from './credentials/memoize.js';
export type { CredentialsLogger, MemoizedProvider, MemoizeOptions } from './credentials/memoize.js';
export { createImdsClient, DEFAULT_IMDS_MAX_ATTEMPTS, DEFAULT_IMDS_TIMEOUT_MS, DEFAULT_IMDS_TOKEN_TTL_S, HOP_LIMIT_HINT } from './imds/createImdsClient.js';
export { DEFAULT_METADATA_MAX_ATTEMPTS, METADATA_BACKOFF_BASE_MS, METADATA_BACKOFF_CAP_MS } from './imds/retryMetadataRequest.js';
export type { ImdsClient, ImdsClientOptions, ImdsLogger, ImdsRoleCredentials, ImdsSettings } from './imds/createImdsClient.js';
export { resolveImdsEndpoint, IMDS_IPV4_ENDPOINT, IMDS_IPV6_ENDPOINT } from './imds/resolveImdsEndpoint.js';
export type { ImdsEndpointMode, ResolvedImdsEndpoint, ResolveImdsEndpointOptions } from './imds/resolveImdsEndpoint.js';
export { fromContainer, resolveContainerUri, ECS_CONTAINER_HOST, CONTAINER_HTTP_HOSTS } from './credentials/fromContainer.js';
export type { FromContainerOptions } from './credentials/fromContainer.js';
export { fromProfile } from './credentials/fromProfile.js';
export type { FromProfileOptions } from './credentials/fromProfile.js';
export { fromInstanceMetadata, STATIC_STABILITY_MIN_MS, STATIC_STABILITY_MAX_MS, IMDS_NEGATIVE_CACHE_MS } from './credentials/fromInstanceMetadata.js';
export type { FromInstanceMetadataOptions } from './credentials/fromInstanceMetadata.js';
export { fromWebIdentity } from './credentials/fromWebIdentity.js';
export type { FromWebIdentityOptions } from './credentials/fromWebIdentity.js';
export { fromProcess, execCommand, DEFAULT_PROCESS_TIMEOUT_MS, MAX_PROCESS_OUTPUT_BYTES } from './credentials/fromProcess.js';
export type { ExecCommand, FromProcessOptions, ProcessResult } from './credentials/fromProcess.js';
export { createDefaultSts } from './credentials/stsForCredentials.js';
export type { AssumeRoleParams, AssumeRoleWithWebIdentityParams, DefaultStsOptions, StsForCredentials } from './credentials/stsForCredentials.js';
export { defaultCredentials, createDefaultChain, DEFAULT_CREDENTIALS_DEADLINE_MS } from './credentials/defaultCredentials.js';
export type { DefaultCredentialsOptions } from './credentials/defaultCredentials.js';
export { explainCredentials } from './credentials/explainCredentials.js';
export type { CredentialsExplanation, ExplainCredentialsOptions } from './credentials/explainCredentials.js';
// ---- end credentials block ---------------------------------------------------

// ---- request path: region, credentials from env/static, signed client, STS ----
// Region and endpoint resolve lazily and say where they came from; undici,
// aws4 and the XML parser load on the first request only (docs/decisions/0050-0055).
/** Region resolution (explicit → env → profile → opt-in IMDS → us-east-1, traced). @public */
export { resolveRegion, validateRegion, DEFAULT_REGION } from './region/resolveRegion.js';
export { sharedConfigRegion } from './region/sharedConfigRegion.js';
export type { ResolveRegionOptions, ResolvedRegion, RegionSource, RegionTraceStep } from './region/resolveRegion.js';
/** Static and environment credentials. @public */
export { fromStatic } from './credentials/fromStatic.js';
export type { StaticCredentialsOptions } from './credentials/fromStatic.js';
export { fromEnv, ENV_ACCESS_KEY_ID, ENV_SECRET_ACCESS_KEY, ENV_SESSION_TOKEN, ENV_CREDENTIAL_EXPIRATION, ENV_ACCOUNT_ID } from './credentials/fromEnv.js';
export type { FromEnvOptions } from './credentials/fromEnv.js';
/** The signed client and endpoint resolution. @public */
export { createClient } from './http/createClient.js';
export type { AwsClient, AwsRequest, AwsResponse, ClientOptions, ClientTransport, ResponseMetadata, RetryEvent } from './http/createClient.js';
export { resolveEndpoint, serviceEndpointVariable } from './http/resolveEndpoint.js';
export type { ResolvedEndpoint, ResolveEndpointOptions, EndpointSource } from './http/resolveEndpoint.js';
/** STS operations (Query protocol, 2011-06-15). @public */
export { getCallerIdentity } from './sts/getCallerIdentity.js';
export type { GetCallerIdentityOutput } from './sts/getCallerIdentity.js';
export { assumeRole } from './sts/assumeRole.js';
export type { AssumeRoleInput, AssumeRoleOutput, AssumedRoleUser, StsTag } from './sts/assumeRole.js';
export { assumeRoleWithWebIdentity } from './sts/assumeRoleWithWebIdentity.js';
export type { AssumeRoleWithWebIdentityInput, AssumeRoleWithWebIdentityOutput } from './sts/assumeRoleWithWebIdentity.js';
export { getSessionToken } from './sts/getSessionToken.js';
export type { GetSessionTokenInput, GetSessionTokenOutput } from './sts/getSessionToken.js';
export type { StsCallOptions } from './sts/callSts.js';
/** Errors of the request path and of credential providers. @public */
export {
  AwsServiceError,
  NetworkError,
  ResponseParseError,
  InvalidRegionError,
  CredentialsProviderError,
  CredentialsNotConfiguredError,
} from './errors.js';
export type { NetworkFailureKind } from './errors.js';
// ---- end request path block -------------------------------------------------
