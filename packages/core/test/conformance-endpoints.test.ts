import { describe, expect, it } from 'vitest';
import { createImdsClient, RolecallError } from '../src/index.js';
import { resolveContainerUri } from '../src/credentials/fromContainer.js';
import { CredentialsNotConfiguredError, CredentialsProviderError } from '../src/errors.js';
import { readTestdata } from './testdata.js';

interface ImdsCase {
  docs: string;
  env: Record<string, string>;
  fs?: Record<string, string>;
  endpoint_override?: string;
  mode_override?: string;
  result: { Ok?: string; Err?: string };
}
interface EcsCase {
  docs: string;
  env: Record<string, string>;
  result: { Ok?: string; ErrorContains?: string };
}

const imdsCases = readTestdata<{ tests: ImdsCase[] }>('imds-endpoint-tests.json').tests;
const ecsCases = readTestdata<{ tests: EcsCase[] }>('ecs-tests.json').tests;

function fakeFs(files: Record<string, string>) {
  return {
    async readFile(path: string): Promise<string> {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
  };
}

describe('imds-endpoint-tests.json', () => {
  it('has the 14 cases the README promises', () => expect(imdsCases).toHaveLength(14));

  it.each(imdsCases.map((c, i) => [`${i}: ${c.docs}`, c] as const))('%s', async (_name, c) => {
    const client = createImdsClient({
      env: { HOME: '/nowhere', ...c.env },
      fs: fakeFs(c.fs ?? {}),
      ...(c.endpoint_override === undefined ? {} : { endpoint: c.endpoint_override }),
      ...(c.mode_override === undefined ? {} : { endpointMode: c.mode_override }),
    });
    if (c.result.Err !== undefined) {
      await expect(client.settings()).rejects.toBeInstanceOf(RolecallError);
      return;
    }
    const { endpoint } = await client.settings();
    expect(`${endpoint}/latest/api/token`).toBe(c.result.Ok);
  });
});

describe('ecs-tests.json', () => {
  it('has the 11 cases the README promises', () => expect(ecsCases).toHaveLength(11));

  it.each(ecsCases.map((c, i) => [`${i}: ${c.docs}`, c] as const))('%s', (_name, c) => {
    if (c.result.ErrorContains !== undefined) {
      let thrown: unknown;
      try {
        resolveContainerUri(c.env);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(CredentialsProviderError);
      // "not configured" is a skip (the chain moves on); a bad URI is a failure.
      expect(thrown instanceof CredentialsNotConfiguredError).toBe(Object.keys(c.env).length === 0);
      return;
    }
    expect(resolveContainerUri(c.env)).toBe(c.result.Ok);
  });

  it('refuses a plain-http host outside the allow-list', () => {
    expect(() => resolveContainerUri({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://evil.example/creds' })).toThrow(/not allowed over plain http/);
  });
});
