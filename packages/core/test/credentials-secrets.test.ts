import { makeWebIdentityToken } from '@rolecall/mock-aws';
import { describe, expect, it } from 'vitest';
import { createDefaultChain, explainCredentials, fromInstanceMetadata, fromProcess, memoize, seededRandom } from '../src/index.js';
import type { Credentials } from '../src/index.js';
import { fakeFs, memoryLogger } from './fakes.js';
import { harness } from './mockHarness.js';

const HOME = '/home/s';
const ENV_SECRET = 'envSecretValue/ShouldNeverLeak+0000000000';
const ENV_TOKEN = 'envSessionTokenShouldNeverLeak0000000000';
const PROFILE_SECRET = 'profileSecretValueShouldNeverLeak0000000';
const PROCESS_SECRET = 'processSecretValueShouldNeverLeak0000000';
const CONTAINER_TOKEN = 'rolecall-container-token';

/** Every string a failure can show: message, stack, JSON form and the whole cause chain. */
function renderError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 10; depth++) {
    parts.push(String(e), (e as Error).stack ?? '', JSON.stringify(e, Object.getOwnPropertyNames(e)));
    e = (e as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

describe('no secret leaves', () => {
  it('in explain output, traces, errors, logs or the mock journal, across every provider', async () => {
    const h = harness({ instance: { credentialLifetimeS: 3600, rotateBeforeS: 900 } });
    const outputs: string[] = [];
    const secrets = new Set<string>([ENV_SECRET, ENV_TOKEN, PROFILE_SECRET, PROCESS_SECRET, CONTAINER_TOKEN]);
    const keep = (c: Credentials): void => {
      secrets.add(c.secretAccessKey);
      if (c.sessionToken !== undefined) secrets.add(c.sessionToken);
    };
    const logger = memoryLogger();
    const webToken = makeWebIdentityToken({ sub: 'pod', iss: 'https://oidc.example.test', aud: 'sts.amazonaws.com', expiresAtMs: h.clock.now() + 3600_000 });
    secrets.add(webToken);
    const account = h.mock.config.account;
    const fs = fakeFs({
      [`${HOME}/.aws/credentials`]: `[static]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${PROFILE_SECRET}\n[alice]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`,
      [`${HOME}/.aws/config`]: `[profile role]\nrole_arn = arn:aws:iam::${account}:role/rolecall-deploy\nsource_profile = alice\n[profile denied]\nrole_arn = arn:aws:iam::${account}:role/nope\nsource_profile = alice\n[profile proc]\ncredential_process = helper\n[profile broken]\naws_access_key_id = AKIAONLYHALF\n`,
      '/token': webToken,
      '/ctoken': CONTAINER_TOKEN,
    });
    secrets.add('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    const exec = async () => ({ exitCode: 0, stdout: JSON.stringify({ Version: 1, AccessKeyId: 'AKIAPROCEXAMPLE', SecretAccessKey: PROCESS_SECRET }) });
    const base = { fs, homeDir: HOME, dispatcher: h.dispatcher, clock: h.clock, logger, exec };
    const sts = { AWS_ENDPOINT_URL_STS: 'http://sts.mock.test' };
    const scenarios: { env: Record<string, string>; profile?: string }[] = [
      { env: { AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE0000', AWS_SECRET_ACCESS_KEY: ENV_SECRET, AWS_SESSION_TOKEN: ENV_TOKEN, AWS_PROFILE: 'static' } },
      { env: { AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE0000', AWS_SECRET_ACCESS_KEY: ENV_SECRET }, profile: 'static' },
      { env: { ...sts }, profile: 'role' },
      { env: { ...sts }, profile: 'denied' },
      { env: {}, profile: 'proc' },
      { env: {}, profile: 'broken' },
      { env: { ...sts, AWS_WEB_IDENTITY_TOKEN_FILE: '/token', AWS_ROLE_ARN: `arn:aws:iam::${account}:role/rolecall-web` } },
      { env: { ...sts, AWS_WEB_IDENTITY_TOKEN_FILE: '/token', AWS_ROLE_ARN: `arn:aws:iam::${account}:role/not-web` } },
      { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1${h.mock.config.container.path}`, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/ctoken' } },
      { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1${h.mock.config.container.path}`, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'wrong-but-secret-token-000' } },
      { env: {} },
    ];
    secrets.add('wrong-but-secret-token-000');
    for (const s of scenarios) {
      const options = { ...base, env: s.env, ...(s.profile === undefined ? {} : { profile: s.profile }) };
      const result = await h.settle(createDefaultChain(options).resolveWithTrace());
      if (result.ok) keep(result.credentials);
      else outputs.push(renderError(result.error));
      outputs.push(JSON.stringify(result.trace));
      outputs.push(JSON.stringify(await h.settle(explainCredentials(options))));
    }
    // Static stability and refresh failures log; a bad process output errors.
    const imds = memoize(fromInstanceMetadata({ env: {}, dispatcher: h.dispatcher, clock: h.clock, random: seededRandom(1), logger, fs }), { clock: h.clock, logger });
    keep(await imds());
    h.mock.setFaults({ rules: [{ service: 'imds', path: '/latest/meta-data/iam/security-credentials/*', status: 500 }] });
    await h.advance(3700_000);
    // The 500s are retried with backoffs on the virtual clock before static stability serves the old credentials.
    keep(await h.settle(imds()));
    const leaky = await fromProcess({ command: 'x', exec: async () => ({ exitCode: 0, stdout: `{"Version":2,"SecretAccessKey":"${PROCESS_SECRET}"}` }) })().catch((e: unknown) => e);
    outputs.push(renderError(leaky));

    outputs.push(...logger.messages, JSON.stringify(h.mock.journal()));
    const everything = outputs.join('\n');
    expect(everything.length).toBeGreaterThan(5000);
    expect(secrets.size).toBeGreaterThan(10);
    for (const secret of secrets) expect(everything.includes(secret), `a secret ending in ${secret.slice(-4)} leaked`).toBe(false);
    // The masked forms are there, so the grep looked at real output.
    expect(everything).toContain('****0000');
  });
});
