import { describe, expect, it } from 'vitest';
import { fromStatic } from './fromStatic.js';
import { CredentialsProviderError } from '../errors.js';

describe('fromStatic', () => {
  it('answers the same frozen credentials with source static', async () => {
    const expiration = new Date('2026-11-28T08:00:00Z');
    const provider = fromStatic({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret-example', sessionToken: 'token-example', expiration });
    const a = await provider();
    expect(a).toEqual({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret-example', sessionToken: 'token-example', expiration, source: 'static' });
    expect(await provider()).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('leaves out an empty session token', async () => {
    const c = await fromStatic({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 's', sessionToken: '' })();
    expect('sessionToken' in c).toBe(false);
  });

  it('fails up front on a blank key, without echoing the secret', () => {
    const call = (): unknown => fromStatic({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: ' ' });
    expect(call).toThrow(CredentialsProviderError);
    expect(call).toThrow(/secretAccessKey is empty/);
    expect(() => fromStatic({ accessKeyId: '', secretAccessKey: 'do-not-print-me' })).toThrow(/^(?!.*do-not-print-me).*accessKeyId is empty/);
  });
});
