// @rolecall/core: what a program calls, grouped by concern. Internals (the
// planner, the error-code tables, tuning constants, the process runner, the
// default STS role assumer) stay inside; test/public-exports.test.ts pins
// this list so it changes only on purpose (docs/decisions/0103).

// ---- the client: createClient, STS and IAM operations ---------------------
export { createClient } from './client/createClient.js';
export type { AwsClient, AwsRequest, AwsResponse, ClientOptions, ClientTransport, ResponseMetadata, RetryEvent } from './http/createSignedClient.js';
export type { ResolvedEndpoint, EndpointSource } from './http/resolveEndpoint.js';
export { getCallerIdentity } from './sts/getCallerIdentity.js';
export type { GetCallerIdentityOutput } from './sts/getCallerIdentity.js';
export { assumeRole } from './sts/assumeRole.js';
export type { AssumeRoleInput, AssumeRoleOutput, AssumedRoleUser, StsTag } from './sts/assumeRole.js';
export { assumeRoleWithWebIdentity } from './sts/assumeRoleWithWebIdentity.js';
export type { AssumeRoleWithWebIdentityInput, AssumeRoleWithWebIdentityOutput } from './sts/assumeRoleWithWebIdentity.js';
export { getSessionToken } from './sts/getSessionToken.js';
export type { GetSessionTokenInput, GetSessionTokenOutput } from './sts/getSessionToken.js';
export type { StsCallOptions } from './sts/callSts.js';
export { simulatePrincipalPolicy, simulateCustomPolicy } from './iam/simulatePolicy.js';
export type {
  SimulatePrincipalPolicyInput,
  SimulateCustomPolicyInput,
  SimulateInputBase,
  SimulatePolicyOutput,
  SimulatorEvaluationResult,
  SimulatorMatchedStatement,
  SimulatorContextEntry,
} from './iam/simulatePolicy.js';

// ---- region -------------------------------------------------------------------
export { resolveRegion } from './region/resolveRegion.js';
export type { ResolveRegionOptions, ResolvedRegion, RegionSource, RegionTraceStep } from './region/resolveRegion.js';

// ---- credentials: the default chain, the providers, composing them -----------
export { defaultCredentials, createDefaultChain, DEFAULT_CREDENTIALS_DEADLINE_MS } from './credentials/defaultCredentials.js';
export type { DefaultCredentialsOptions } from './credentials/defaultCredentials.js';
export { explainCredentials } from './credentials/explainCredentials.js';
export type { CredentialsExplanation, ExplainCredentialsOptions } from './credentials/explainCredentials.js';
export { fromEnv } from './credentials/fromEnv.js';
export type { FromEnvOptions } from './credentials/fromEnv.js';
export { fromStatic } from './credentials/fromStatic.js';
export type { StaticCredentialsOptions } from './credentials/fromStatic.js';
export { fromProfile } from './credentials/fromProfile.js';
export type { FromProfileOptions } from './credentials/fromProfile.js';
export { fromWebIdentity } from './credentials/fromWebIdentity.js';
export type { FromWebIdentityOptions } from './credentials/fromWebIdentity.js';
export type { AssumeRoleParams, AssumeRoleWithWebIdentityParams, DefaultStsOptions, StsForCredentials } from './credentials/stsForCredentials.js';
export { fromContainer } from './credentials/fromContainer.js';
export type { FromContainerOptions } from './credentials/fromContainer.js';
export { fromInstanceMetadata } from './credentials/fromInstanceMetadata.js';
export type { FromInstanceMetadataOptions } from './credentials/fromInstanceMetadata.js';
export { fromProcess } from './credentials/fromProcess.js';
export type { ExecCommand, FromProcessOptions, ProcessResult } from './credentials/fromProcess.js';
export { chain } from './credentials/chain.js';
export type { ChainOptions, ChainProvider, ChainResult, NamedProvider, ProviderContext } from './credentials/chain.js';
export { memoize } from './credentials/memoize.js';
export type { CredentialsLogger, MemoizedProvider, MemoizeOptions } from './credentials/memoize.js';
export { maskAccessKeyId } from './identity/Credentials.js';
export type { Credentials, CredentialsCallOptions, CredentialsIdentity, CredentialsProvider, CredentialSource, Provider } from './identity/Credentials.js';
export type { AssumeRoleStep, NamedCredentialSource, ProfileBase, ProfileChain } from './credentials/resolveProfileChain.js';

// ---- the shared config files --------------------------------------------------
export { loadSharedConfig } from './config/loadSharedConfig.js';
export type { ConfigFileLocations, ProfileData, ReadFileFs, SharedConfig, SharedConfigOptions } from './config/loadSharedConfig.js';
export { parseProfileFile } from './config/parseProfileFile.js';
export type { ParsedProfileFile, ProfileFileIssue, ProfileFileKind, SettingOrigin } from './config/parseProfileFile.js';
export type { ReadFileOptions } from './config/readBoundedFile.js';
export type { Env } from './config/Env.js';

// ---- the instance metadata service --------------------------------------------
export { createImdsClient } from './imds/createImdsClient.js';
export type { ImdsClient, ImdsClientOptions, ImdsLogger, ImdsRoleCredentials } from './imds/createImdsClient.js';
export type { ImdsSettings, ImdsSettingsOptions } from './imds/resolveImdsSettings.js';
export type { ImdsEndpointMode, ResolvedImdsEndpoint } from './imds/resolveImdsEndpoint.js';

// ---- retries: retry(), strategies, backoffs, limits ----------------------------
export { retry, retryWithStats } from './retry/retry.js';
export type { RetryAttempt, RetryRecord, RetryOptions, RetryResult, RetryAnnotation } from './retry/retry.js';
export { retryInterceptor } from './retry/retryInterceptor.js';
export type { RetryInterceptorOptions } from './retry/retryInterceptor.js';
export { createRetryStrategy, STRATEGY_NAMES } from './retry/createRetryStrategy.js';
export type { RetryStrategyOptions } from './retry/createRetryStrategy.js';
export { createRolecallRetryStrategy } from './retry/createRolecallRetryStrategy.js';
export type { RolecallRetryStrategyOptions } from './retry/createRolecallRetryStrategy.js';
export { createStandardRetryStrategy } from './retry/createStandardRetryStrategy.js';
export type { StandardRetryStrategyOptions, StandardRetryConstants } from './retry/createStandardRetryStrategy.js';
export { createAdaptiveRetryStrategy } from './retry/createAdaptiveRetryStrategy.js';
export type { AdaptiveRetryStrategyOptions } from './retry/createAdaptiveRetryStrategy.js';
export { createBackoffRetryStrategy } from './retry/createBackoffRetryStrategy.js';
export type { BackoffRetryStrategyOptions } from './retry/createBackoffRetryStrategy.js';
export type { ObservableRetryStrategy, StrategyToken, RetryAfterPolicy } from './retry/createTokenStrategy.js';
export type { ErrorClass, RetryErrorInfo, RetryToken, RetryStrategy, StrategyName } from './retry/types.js';
export { classifyError, classifyResponse } from './retry/classifyError.js';
export type { ResponseLike } from './retry/classifyError.js';
export type { HeadersLike } from './retry/parseRetryAfter.js';
export { noBackoff, constantBackoff, exponentialBackoff, fullJitterBackoff, equalJitterBackoff, decorrelatedJitterBackoff } from './retry/backoff.js';
export type { Backoff, ExponentialBackoffOptions } from './retry/backoff.js';
export { createRetryQuota } from './retry/createRetryQuota.js';
export type { RetryQuota, RetryQuotaOptions } from './retry/createRetryQuota.js';
export { createRetryBudget } from './retry/createRetryBudget.js';
export type { RetryBudget, RetryBudgetOptions } from './retry/createRetryBudget.js';
export { createFairShareQuota } from './retry/createFairShareQuota.js';
export type { FairShareQuota, FairShareQuotaOptions } from './retry/createFairShareQuota.js';
export { createRateLimiter } from './retry/createRateLimiter.js';
export type { RateLimiter, RateLimiterOptions } from './retry/createRateLimiter.js';

// ---- side effects to inject: clock, randomness ---------------------------------
export { systemClock, sleep, createVirtualClock } from './time/clock.js';
export type { Clock, CancelTimer, VirtualClock } from './time/clock.js';
export { systemRandom, seededRandom } from './random/random.js';
export type { Random } from './random/random.js';

// ---- errors: each with a stable `code` and its own brand ---------------------
export {
  RolecallError,
  InvalidOptionError,
  AwsServiceError,
  NetworkError,
  ResponseParseError,
  InvalidRegionError,
  CredentialsProviderError,
  CredentialsNotConfiguredError,
  CredentialsUnavailableError,
  ProfileFileParseError,
  ProfileNotFoundError,
  ProfileConfigError,
  NotRegularFileError,
  FileTooLargeError,
  ImdsError,
  ImdsV1ForbiddenError,
  RetryGaveUpError,
  RetryAttemptsExhaustedError,
  RetryQuotaExhaustedError,
  RetryDeadlineExceededError,
  RetryBudgetExhaustedError,
  RetryAbortedError,
  RateLimitedError,
  RetryNotRetryableError,
} from './errors.js';
export type { CredentialsTraceStep, NetworkFailureKind, NonRegularFileType, ProfileConfigReason, RetryOutcomeFields } from './errors.js';
