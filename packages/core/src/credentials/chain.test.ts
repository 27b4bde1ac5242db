import { describe, expect, it } from 'vitest';
import { CredentialsNotConfiguredError, CredentialsProviderError, CredentialsUnavailableError } from '../errors.js';
import { createVirtualClock } from '../time/clock.js';
import { chain, createChain, named } from './chain.js';
import type { Credentials } from '../identity/Credentials.js';

const creds: Credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret', source: 'static' };
const skip = (name: string) => named(name, async () => Promise.reject(new CredentialsNotConfiguredError(name, `${name} not set`, 'X')));
const ok = (name: string) => named(name, async () => creds);

describe('chain', () => {
  it('moves on only when the error allows the next link, and traces each step', async () => {
    let calledAfterFailure = false;
    const provider = chain(
      skip('env'),
      named('profile', async () => Promise.reject(new CredentialsProviderError('profile', 'broken', { tryNextLink: false }))),
      named('imds', async () => {
        calledAfterFailure = true;
        return creds;
      }),
    );
    const result = await provider.resolveWithTrace();
    expect(result.ok).toBe(false);
    expect(calledAfterFailure).toBe(false);
    expect(result.trace.map((s) => [s.provider, s.outcome])).toEqual([
      ['env', 'skipped'],
      ['profile', 'failed'],
    ]);
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(CredentialsUnavailableError);
      expect(result.error.provider).toBe('profile');
      expect(result.error.message).toContain('env: skipped (env not set)');
    }
  });

  it('returns the first credentials and stops', async () => {
    const result = await chain(skip('env'), ok('profile'), ok('imds')).resolveWithTrace();
    expect(result.ok && result.credentials).toBe(creds);
    expect(result.trace.map((s) => s.provider)).toEqual(['env', 'profile']);
  });

  it('treats a plain error as a failure that ends the chain', async () => {
    const result = await chain(named('x', async () => Promise.reject(new Error('boom'))), ok('y')).resolveWithTrace();
    expect(result.trace).toEqual([expect.objectContaining({ provider: 'x', outcome: 'failed', reason: 'boom' })]);
  });

  it('names "chain" with what each provider needed when every link was skipped', async () => {
    await expect(chain(skip('env'), skip('imds'))()).rejects.toMatchObject({ code: 'ERR_ROLECALL_NO_CREDENTIALS', provider: 'chain' });
  });

  it('bounds the whole resolution by one deadline on the injected clock', async () => {
    const clock = createVirtualClock();
    const hanging = named('imds', () => new Promise<Credentials>(() => {}));
    const pending = createChain([skip('env'), hanging, ok('never')], { deadlineMs: 2000, clock }).resolveWithTrace();
    await clock.advance(2000);
    const result = await pending;
    expect(result.ok).toBe(false);
    expect(result.trace.map((s) => [s.provider, s.outcome])).toEqual([
      ['env', 'skipped'],
      ['imds', 'failed'],
    ]);
    expect(result.trace[1]?.reason).toContain('2000 ms deadline');
  });

  it('aborts the provider still running at the deadline, so its waits end with the resolution', async () => {
    const clock = createVirtualClock();
    let seen: AbortSignal | undefined;
    const waiting = named('container', (context) => {
      seen = context?.signal;
      return new Promise<Credentials>((_resolve, reject) => context?.signal?.addEventListener('abort', () => reject(context.signal?.reason)));
    });
    const pending = createChain([waiting], { deadlineMs: 1000, clock }).resolveWithTrace();
    await clock.advance(999);
    expect(seen?.aborted).toBe(false);
    await clock.advance(1);
    const result = await pending;
    expect(seen?.aborted).toBe(true);
    expect(result.trace).toEqual([{ provider: 'container', outcome: 'failed', reason: expect.stringContaining('1000 ms deadline'), ms: expect.any(Number) }]);
    expect(clock.pending()).toBe(0);
  });
});
