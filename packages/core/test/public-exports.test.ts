// The public surface, pinned: a name added to or dropped from an entry point
// fails here until this list changes with it, on purpose (docs/decisions/0103).
// Internals (the profile planner, error-code tables, tuning constants, the
// process runner, the default STS role assumer) are imported from their
// modules by the tests that need them, never through the entry points.
import { describe, expect, it } from 'vitest';
import * as credentialsEntry from '../src/credentials.js';
import * as root from '../src/index.js';

const ROOT = [
  'AwsServiceError',
  'CredentialsNotConfiguredError',
  'CredentialsProviderError',
  'CredentialsUnavailableError',
  'DEFAULT_CREDENTIALS_DEADLINE_MS',
  'FileTooLargeError',
  'ImdsError',
  'ImdsV1ForbiddenError',
  'InvalidOptionError',
  'InvalidRegionError',
  'NetworkError',
  'NotRegularFileError',
  'ProfileConfigError',
  'ProfileFileParseError',
  'ProfileNotFoundError',
  'RateLimitedError',
  'ResponseParseError',
  'RetryAbortedError',
  'RetryAttemptsExhaustedError',
  'RetryBudgetExhaustedError',
  'RetryDeadlineExceededError',
  'RetryGaveUpError',
  'RetryNotRetryableError',
  'RetryQuotaExhaustedError',
  'RolecallError',
  'STRATEGY_NAMES',
  'assumeRole',
  'assumeRoleWithWebIdentity',
  'chain',
  'classifyError',
  'classifyResponse',
  'constantBackoff',
  'createAdaptiveRetryStrategy',
  'createBackoffRetryStrategy',
  'createClient',
  'createDefaultChain',
  'createFairShareQuota',
  'createImdsClient',
  'createRateLimiter',
  'createRetryBudget',
  'createRetryQuota',
  'createRetryStrategy',
  'createRolecallRetryStrategy',
  'createStandardRetryStrategy',
  'createVirtualClock',
  'decorrelatedJitterBackoff',
  'defaultCredentials',
  'equalJitterBackoff',
  'explainCredentials',
  'exponentialBackoff',
  'fromContainer',
  'fromEnv',
  'fromInstanceMetadata',
  'fromProcess',
  'fromProfile',
  'fromStatic',
  'fromWebIdentity',
  'fullJitterBackoff',
  'getCallerIdentity',
  'getSessionToken',
  'loadSharedConfig',
  'maskAccessKeyId',
  'memoize',
  'noBackoff',
  'parseProfileFile',
  'resolveRegion',
  'retry',
  'retryInterceptor',
  'retryWithStats',
  'seededRandom',
  'simulateCustomPolicy',
  'simulatePrincipalPolicy',
  'sleep',
  'systemClock',
  'systemRandom',
  ];

const CREDENTIALS = [
  'CredentialsNotConfiguredError',
  'CredentialsProviderError',
  'CredentialsUnavailableError',
  'DEFAULT_CREDENTIALS_DEADLINE_MS',
  'FileTooLargeError',
  'ImdsError',
  'ImdsV1ForbiddenError',
  'NotRegularFileError',
  'ProfileConfigError',
  'ProfileFileParseError',
  'ProfileNotFoundError',
  'RolecallError',
  'chain',
  'createChain',
  'createDefaultChain',
  'defaultCredentials',
  'fromEnv',
  'fromStatic',
  'maskAccessKeyId',
  'memoize',
  ];

describe('the public surface', () => {
  it('@rolecall/core exports exactly these runtime values', () => {
    expect(Object.keys(root).sort()).toEqual(ROOT);
  });

  it('@rolecall/core/credentials exports exactly these, each the same value as the root\'s where both have it', () => {
    expect(Object.keys(credentialsEntry).sort()).toEqual(CREDENTIALS);
    const both = CREDENTIALS.filter((name) => name in root);
    for (const name of both) expect((credentialsEntry as Record<string, unknown>)[name]).toBe((root as Record<string, unknown>)[name]);
    expect(both.length).toBeGreaterThan(15);
  });

  it('keeps every entry point the architecture promises', () => {
    const promised = ['defaultCredentials', 'fromEnv', 'fromProfile', 'fromInstanceMetadata', 'fromContainer', 'fromWebIdentity', 'fromProcess', 'chain', 'memoize', 'explainCredentials', 'resolveRegion', 'createImdsClient', 'retry', 'createRetryStrategy', 'noBackoff', 'constantBackoff', 'exponentialBackoff', 'fullJitterBackoff', 'equalJitterBackoff', 'decorrelatedJitterBackoff', 'createClient', 'getCallerIdentity', 'assumeRole', 'assumeRoleWithWebIdentity', 'getSessionToken'];
    expect(promised.filter((name) => !(name in root))).toEqual([]);
  });
});
