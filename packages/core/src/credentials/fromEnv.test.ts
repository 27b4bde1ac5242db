import { describe, expect, it } from 'vitest';
import { fromEnv } from './fromEnv.js';
import { CredentialsNotConfiguredError, CredentialsProviderError, RolecallError } from '../errors.js';

const KEYS = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

describe('fromEnv', () => {
  it('reads long-term keys with source env', async () => {
    expect(await fromEnv({ env: KEYS })()).toEqual({ accessKeyId: KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: KEYS.AWS_SECRET_ACCESS_KEY, source: 'env' });
  });

  it('reads session token, expiration and account id', async () => {
    const c = await fromEnv({
      env: { ...KEYS, AWS_SESSION_TOKEN: 'token-example', AWS_CREDENTIAL_EXPIRATION: '2026-11-28T08:00:00Z', AWS_ACCOUNT_ID: '123456789012' },
    })();
    expect(c.sessionToken).toBe('token-example');
    expect(c.expiration?.toISOString()).toBe('2026-11-28T08:00:00.000Z');
    expect(c.accountId).toBe('123456789012');
  });

  it('reads the env on each call, not at construction', async () => {
    const env: Record<string, string | undefined> = {};
    const provider = fromEnv({ env });
    await expect(provider()).rejects.toBeInstanceOf(CredentialsNotConfiguredError);
    Object.assign(env, KEYS);
    expect((await provider()).accessKeyId).toBe(KEYS.AWS_ACCESS_KEY_ID);
  });

  it('is skipped, naming what it needs, when no key id is set (blank counts as unset)', async () => {
    const error = await fromEnv({ env: { AWS_ACCESS_KEY_ID: ' ', AWS_SESSION_TOKEN: 'x' } })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsNotConfiguredError);
    expect(error).toBeInstanceOf(RolecallError);
    expect(error).toMatchObject({ code: 'ERR_ROLECALL_CREDENTIALS_NOT_CONFIGURED', provider: 'env', tryNextLink: true, reason: 'AWS_ACCESS_KEY_ID is not set' });
    expect((error as Error).message).toMatch(/skipped.*needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
  });

  it('fails, ending the chain, when the key id has no secret', async () => {
    const error = await fromEnv({ env: { AWS_ACCESS_KEY_ID: KEYS.AWS_ACCESS_KEY_ID } })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsProviderError);
    expect(error).not.toBeInstanceOf(CredentialsNotConfiguredError);
    expect(error).toMatchObject({ tryNextLink: false, code: 'ERR_ROLECALL_CREDENTIALS_PROVIDER' });
  });

  it('fails on an unreadable expiration, without printing the secret', async () => {
    const error = await fromEnv({ env: { ...KEYS, AWS_CREDENTIAL_EXPIRATION: 'tomorrow' } })().catch((e: unknown) => e);
    expect(error).toMatchObject({ tryNextLink: false });
    expect((error as Error).message).toContain('"tomorrow"');
    expect((error as Error).message).not.toContain(KEYS.AWS_SECRET_ACCESS_KEY);
  });
});
