import { describe, expect, it } from 'vitest';
import { NetworkError } from '../errors.js';
import { classifyError } from '../retry/classifyError.js';
import { NETWORK_FAILURES, networkCodeOf, toNetworkError } from './networkFailure.js';

const socketError = (code: string): Error => Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });

// Regression: the transport called ENOTFOUND final while the retry classifier
// called it transient, and the metadata client mapped UND_ERR_CONNECT_TIMEOUT
// to `connect` where the transport said `timeout`. One table now; every
// reader must agree with it.
describe('the one network failure table', () => {
  it.each([...NETWORK_FAILURES].filter(([, f]) => f.kind !== 'aborted'))('%s: the NetworkError and the retry classifier agree with the table', (code, failure) => {
    const raw = socketError(code);
    const wrapped = toNetworkError(raw, 'http://127.0.0.1:9');
    expect(wrapped).toBeInstanceOf(NetworkError);
    expect(wrapped).toMatchObject({ kind: failure.kind, errno: code, errorClass: failure.retryable ? 'transient' : 'non-retryable' });
    const expected = failure.retryable ? 'transient' : 'non-retryable';
    expect(classifyError(wrapped, 0).errorClass).toBe(expected);
    expect(classifyError(raw, 0).errorClass).toBe(expected);
  });

  it('ENOTFOUND is final everywhere; EAI_AGAIN (a resolver hiccup) is retried; a connect timeout is a timeout', () => {
    expect(toNetworkError(socketError('ENOTFOUND'), 'http://x').errorClass).toBe('non-retryable');
    expect(classifyError(socketError('ENOTFOUND'), 0).errorClass).toBe('non-retryable');
    expect(classifyError(socketError('EAI_AGAIN'), 0).errorClass).toBe('transient');
    expect(toNetworkError(socketError('UND_ERR_CONNECT_TIMEOUT'), 'http://x').kind).toBe('timeout');
  });

  it("reads the socket's code under undici's wrapper, and an abort is never retried", () => {
    const wrapped = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET', cause: socketError('ECONNRESET') });
    expect(networkCodeOf(wrapped)).toBe('ECONNRESET');
    const controller = new AbortController();
    controller.abort();
    expect(toNetworkError(socketError('ECONNRESET'), 'http://x', controller.signal)).toMatchObject({ kind: 'aborted', errorClass: 'non-retryable' });
  });
});
