import { StandardRetryStrategy } from '@smithy/util-retry';
import type { RetryErrorInfo, RetryStrategy, RetryToken } from '@rolecall/core';

type SmithyToken = Awaited<ReturnType<StandardRetryStrategy['acquireInitialRetryToken']>>;

const ERROR_TYPE = { throttling: 'THROTTLING', transient: 'TRANSIENT', 'non-retryable': 'CLIENT_ERROR' } as const;

/**
 * The real `@smithy/util-retry` StandardRetryStrategy (the JS SDK's default)
 * behind our token protocol, so the harness drives it through the same loop
 * as every other strategy. The SDK sleeps inside `refreshRetryTokenForRetry`
 * on the real timer and draws jitter from Math.random, so its tokens carry no
 * delay of their own and it runs in real mode only. A refusal with the quota
 * below the retry's cost is reported as a quota refusal (fail fast).
 * @public
 */
export function smithyStandardStrategy(maxAttempts = 3): RetryStrategy {
  const sdk = new StandardRetryStrategy(maxAttempts);
  const tokens = new WeakMap<RetryToken, SmithyToken>();
  const wrap = (t: SmithyToken): RetryToken => {
    const token = { retryCount: t.getRetryCount(), delayMs: 0 };
    tokens.set(token, t);
    return token;
  };
  const unwrap = (token: RetryToken): SmithyToken => {
    const t = tokens.get(token);
    if (t === undefined) throw new TypeError('smithy-standard: a token this strategy did not issue');
    return t;
  };
  return {
    name: 'smithy-standard',
    acquireInitialRetryToken: async (scope = 'sts') => wrap(await sdk.acquireInitialRetryToken(scope)),
    async refreshRetryTokenForRetry(token, error: RetryErrorInfo) {
      const errorType = ERROR_TYPE[error.errorClass];
      try {
        return wrap(
          await sdk.refreshRetryTokenForRetry(unwrap(token), {
            errorType,
            ...(error.retryAfterMs === undefined ? {} : { retryAfterHint: new Date(Date.now() + error.retryAfterMs) }),
          }),
        );
      } catch (cause) {
        // The SDK's refusal does not say why; a quota that cannot pay the cheapest retry is the one case that fails fast.
        const drained = errorType !== 'CLIENT_ERROR' && token.retryCount + 1 < maxAttempts && sdk.getCapacity() < (errorType === 'THROTTLING' ? 5 : 14);
        throw Object.assign(new Error('smithy-standard refused the retry', { cause }), { code: drained ? 'SMITHY_CAPACITY' : 'SMITHY_REFUSED' });
      }
    },
    recordSuccess: (token) => sdk.recordSuccess(unwrap(token)),
  };
}
