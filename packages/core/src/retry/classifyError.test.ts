import { describe, expect, it } from 'vitest';
import { AwsServiceError, NetworkError } from '../errors.js';
import { classifyError, classifyResponse, THROTTLING_ERROR_CODES } from './classifyError.js';

const now = Date.UTC(2026, 0, 1);

describe('classifyError', () => {
  it('treats every AWS throttling code as throttling', () => {
    for (const code of THROTTLING_ERROR_CODES) {
      expect(classifyError({ code, statusCode: 400 }, now)).toMatchObject({ errorClass: 'throttling', code });
    }
    expect(THROTTLING_ERROR_CODES.size).toBe(14);
  });

  it('treats a bare 429 and a 503 SlowDown as throttling', () => {
    expect(classifyError({ statusCode: 429 }, now)).toEqual({ errorClass: 'throttling', code: '429' });
    expect(classifyError({ code: 'SlowDown', statusCode: 503 }, now).errorClass).toBe('throttling');
  });

  it('treats 500/502/503/504, timeouts and socket/DNS errors as transient; other 5xx are not', () => {
    for (const statusCode of [500, 502, 503, 504]) expect(classifyError({ statusCode }, now).errorClass).toBe('transient');
    expect(classifyError({ statusCode: 501 }, now).errorClass).toBe('non-retryable');
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT']) {
      expect(classifyError(Object.assign(new Error('x'), { code }), now).errorClass).toBe('transient');
    }
    expect(classifyError({ code: 'RequestTimeout', statusCode: 400 }, now)).toEqual({ errorClass: 'transient', code: 'RequestTimeout', isTimeout: true });
    expect(classifyError({ name: 'TimeoutError' }, now)).toMatchObject({ errorClass: 'transient', isTimeout: true });
  });

  it('follows cause, so a wrapped socket error is still transient', () => {
    const wrapped = new Error('fetch failed', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) });
    expect(classifyError(wrapped, now)).toMatchObject({ errorClass: 'transient', code: 'ECONNRESET' });
  });

  it('does not retry signature, access, expired-token errors or aborts', () => {
    for (const code of ['SignatureDoesNotMatch', 'AccessDenied', 'ExpiredToken', 'ValidationError']) {
      expect(classifyError({ code, statusCode: 403 }, now)).toEqual({ errorClass: 'non-retryable', code });
    }
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError', cause: { code: 'ECONNRESET' } });
    expect(classifyError(abort, now).errorClass).toBe('non-retryable');
    expect(classifyError('a string', now)).toEqual({ errorClass: 'non-retryable' });
  });

  it('reads $retryable and the hint from retryAfterMs or response headers', () => {
    expect(classifyError({ $retryable: { throttling: true } }, now).errorClass).toBe('throttling');
    expect(classifyError({ code: 'Throttling', retryAfterMs: 1500 }, now).retryAfterMs).toBe(1500);
    expect(classifyError({ code: 'Throttling', $response: { headers: { 'retry-after': '3' } } }, now).retryAfterMs).toBe(3000);
  });
});

describe('classifyError with rolecall client errors', () => {
  it('reads awsCode / errno (not ERR_ROLECALL_*) and trusts the errorClass they carry', () => {
    const throttled = new AwsServiceError({
      awsCode: 'Throttling',
      awsMessage: 'Rate exceeded',
      statusCode: 400,
      requestId: 'r-1',
      service: 'sts',
      action: 'GetCallerIdentity',
      errorClass: 'throttling',
      retryAfterMs: 800,
    });
    expect(classifyError(throttled, now)).toEqual({ errorClass: 'throttling', code: 'Throttling', retryAfterMs: 800 });
    const denied = new AwsServiceError({
      awsCode: 'SignatureDoesNotMatch',
      awsMessage: 'no',
      statusCode: 403,
      requestId: undefined,
      service: 'sts',
      action: undefined,
      errorClass: 'non-retryable',
    });
    expect(classifyError(denied, now)).toEqual({ errorClass: 'non-retryable', code: 'SignatureDoesNotMatch' });
    const reset = new NetworkError({ kind: 'connect', errno: 'ECONNREFUSED', endpoint: 'http://127.0.0.1:1', detail: 'refused' });
    expect(classifyError(reset, now)).toEqual({ errorClass: 'transient', code: 'ECONNREFUSED' });
    const nxdomain = new NetworkError({ kind: 'dns', errno: 'ENOTFOUND', endpoint: 'http://nope', detail: 'x', errorClass: 'non-retryable' });
    expect(classifyError(nxdomain, now)).toEqual({ errorClass: 'non-retryable', code: 'ENOTFOUND' });
  });
});

describe('classifyResponse', () => {
  it('returns undefined for a success and reads the hint for retryable answers', () => {
    expect(classifyResponse({ statusCode: 200 }, now)).toBeUndefined();
    expect(classifyResponse({ statusCode: 400, errorCode: 'Throttling', headers: { 'x-amz-retry-after': '250' } }, now)).toEqual({
      errorClass: 'throttling',
      code: 'Throttling',
      retryAfterMs: 250,
    });
    expect(classifyResponse({ statusCode: 403, errorCode: 'SignatureDoesNotMatch', headers: { 'retry-after': '5' } }, now)).toEqual({
      errorClass: 'non-retryable',
      code: 'SignatureDoesNotMatch',
    });
  });
});
