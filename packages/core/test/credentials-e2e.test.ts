import { makeWebIdentityToken, startMockServer, createMockAws } from '@rolecall/mock-aws';
import { describe, expect, it } from 'vitest';
import { createDefaultChain, explainCredentials, fromContainer, fromProcess, fromProfile, fromWebIdentity } from '../src/index.js';
import { createDefaultSts } from '../src/credentials/stsForCredentials.js';
import { fakeFs } from './fakes.js';
import { harness } from './mockHarness.js';

const HOME = '/home/e2e';
const STS = 'http://sts.mock.test';
const ALICE = { id: 'AKIAIOSFODNN7EXAMPLE', secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

describe('container credentials against the mock', () => {
  it('resolves through FULL_URI with the authorization token, and refuses a wrong token', async () => {
    const h = harness();
    const base = { AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1${h.mock.config.container.path}` };
    const ok = await fromContainer({ env: { ...base, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'rolecall-container-token' }, dispatcher: h.dispatcher, clock: h.clock })();
    expect(ok.source).toBe('container');
    expect(ok.accessKeyId).toMatch(/^ASIA/);
    const bad = await fromContainer({ env: { ...base, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'wrong' }, dispatcher: h.dispatcher, clock: h.clock })().catch((e: unknown) => e);
    expect((bad as Error).message).toMatch(/authorization token was refused/);
    expect((bad as Error).message).not.toContain('wrong');
  });

  it('reads the token from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, which wins over the variable', async () => {
    const h = harness();
    const env = {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1${h.mock.config.container.path}`,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'wrong',
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/var/run/token',
    };
    const c = await fromContainer({ env, fs: fakeFs({ '/var/run/token': 'rolecall-container-token\n' }), dispatcher: h.dispatcher, clock: h.clock })();
    expect(c.source).toBe('container');
    const journal = h.journal();
    expect(journal.at(-1)?.status).toBe(200);
  });

  it('retries a 503 and a 429 from the agent (docs/decisions/0081), never a 404', async () => {
    const h = harness({
      faults: {
        rules: [
          { service: 'container', status: 503, times: 1 },
          { service: 'container', status: 429, times: 1 },
        ],
      },
    });
    const env = { AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1${h.mock.config.container.path}`, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'rolecall-container-token' };
    const provider = fromContainer({ env, dispatcher: h.dispatcher, clock: h.clock, random: () => 0.5 });
    expect((await h.settle(provider())).source).toBe('container');
    expect(h.journal().map((e) => e.status)).toEqual([503, 429, 200]);
    h.mock.setFaults({ rules: [{ service: 'container', status: 404, times: 1 }] });
    await expect(h.settle(provider())).rejects.toThrow(/answered HTTP 404(?!.*attempt)/);
    expect(h.journal().map((e) => e.status)).toEqual([503, 429, 200, 404]);
  });
});

describe('assume-role chains against the mock STS', () => {
  it('profile role_arn + source_profile with static keys → AssumeRole signed by alice', async () => {
    const h = harness();
    const fs = fakeFs({
      [`${HOME}/.aws/config`]: `[profile deploy]\nrole_arn = arn:aws:iam::${h.mock.config.account}:role/rolecall-deploy\nsource_profile = alice\nrole_session_name = e2e\n`,
      [`${HOME}/.aws/credentials`]: `[alice]\naws_access_key_id = ${ALICE.id}\naws_secret_access_key = ${ALICE.secret}\n`,
    });
    const env = { AWS_ENDPOINT_URL_STS: STS, AWS_REGION: 'us-east-1' };
    const c = await fromProfile({ profile: 'deploy', env, fs, homeDir: HOME, dispatcher: h.dispatcher, clock: h.clock })();
    expect(c.source).toBe('assume-role');
    const call = h.journal('AssumeRole')[0];
    expect(call?.status).toBe(200);
    expect(call?.accessKeyId).toBe('****MPLE');
  });

  it('chains a role on top of a role', async () => {
    const h = harness();
    const role = `arn:aws:iam::${h.mock.config.account}:role/rolecall-deploy`;
    const fs = fakeFs({
      [`${HOME}/.aws/config`]: `[profile second]\nrole_arn = ${role}\nsource_profile = first\n[profile first]\nrole_arn = ${role}\nsource_profile = alice\n`,
      [`${HOME}/.aws/credentials`]: `[alice]\naws_access_key_id = ${ALICE.id}\naws_secret_access_key = ${ALICE.secret}\n`,
    });
    const c = await fromProfile({ profile: 'second', env: { AWS_ENDPOINT_URL_STS: STS }, fs, homeDir: HOME, dispatcher: h.dispatcher, clock: h.clock })();
    expect(c.source).toBe('assume-role');
    const calls = h.journal('AssumeRole');
    expect(calls).toHaveLength(2);
    expect(calls[1]?.accessKeyId).not.toBe(calls[0]?.accessKeyId);
  });

  it('web identity from env (AssumeRoleWithWebIdentity, unsigned)', async () => {
    const h = harness();
    const token = makeWebIdentityToken({ sub: 'system:serviceaccount:default:app', iss: 'https://oidc.example.test', aud: 'sts.amazonaws.com', expiresAtMs: h.clock.now() + 3600_000 });
    const env = {
      AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/token',
      AWS_ROLE_ARN: `arn:aws:iam::${h.mock.config.account}:role/rolecall-web`,
      AWS_ROLE_SESSION_NAME: 'pod',
      AWS_ENDPOINT_URL_STS: STS,
    };
    const c = await fromWebIdentity({ env, fs: fakeFs({ '/var/run/secrets/token': token }), dispatcher: h.dispatcher, clock: h.clock })();
    expect(c.source).toBe('web-identity');
    expect(h.journal('AssumeRoleWithWebIdentity')[0]?.status).toBe(200);
  });

  it('web identity profile as the source of an assume-role profile', async () => {
    const h = harness();
    const token = makeWebIdentityToken({ sub: 'ci', iss: 'https://oidc.example.test', aud: 'sts.amazonaws.com', expiresAtMs: h.clock.now() + 3600_000 });
    const fs = fakeFs({
      [`${HOME}/.aws/config`]: `[profile app]\nrole_arn = arn:aws:iam::${h.mock.config.account}:role/rolecall-deploy\nsource_profile = web\n[profile web]\nrole_arn = arn:aws:iam::${h.mock.config.account}:role/rolecall-web\nweb_identity_token_file = /t\n`,
      '/t': token,
    });
    const c = await fromProfile({ profile: 'app', env: { AWS_ENDPOINT_URL_STS: STS }, fs, homeDir: HOME, dispatcher: h.dispatcher, clock: h.clock })();
    expect(c.source).toBe('assume-role');
    expect(h.journal().filter((e) => e.service === 'sts').map((e) => [e.action, e.status])).toEqual([
      ['AssumeRoleWithWebIdentity', 200],
      ['AssumeRole', 200],
    ]);
  });

  it('credential_process whose keys then assume a role', async () => {
    const h = harness();
    const fs = fakeFs({ [`${HOME}/.aws/config`]: `[profile p]\nrole_arn = arn:aws:iam::${h.mock.config.account}:role/rolecall-deploy\nsource_profile = helper\n[profile helper]\ncredential_process = vault-helper\n` });
    const exec = async () => ({ exitCode: 0, stdout: JSON.stringify({ Version: 1, AccessKeyId: ALICE.id, SecretAccessKey: ALICE.secret }) });
    const c = await fromProfile({ profile: 'p', env: { AWS_ENDPOINT_URL_STS: STS }, fs, homeDir: HOME, exec, dispatcher: h.dispatcher, clock: h.clock })();
    expect(c.source).toBe('assume-role');
    expect(h.journal('AssumeRole')[0]?.accessKeyId).toBe('****MPLE');
  });

  it('an AssumeRole refused by STS is a failure naming the profile and the role', async () => {
    const h = harness();
    const fs = fakeFs({
      [`${HOME}/.aws/config`]: `[profile nope]\nrole_arn = arn:aws:iam::${h.mock.config.account}:role/does-not-exist\nsource_profile = alice\n`,
      [`${HOME}/.aws/credentials`]: `[alice]\naws_access_key_id = ${ALICE.id}\naws_secret_access_key = ${ALICE.secret}\n`,
    });
    const result = await createDefaultChain({ profile: 'nope', env: { AWS_ENDPOINT_URL_STS: STS, AWS_EC2_METADATA_DISABLED: 'true' }, fs, homeDir: HOME, dispatcher: h.dispatcher, clock: h.clock }).resolveWithTrace();
    expect(result.ok).toBe(false);
    expect(result.trace.at(-1)).toMatchObject({ provider: 'profile', outcome: 'failed' });
    expect(result.trace.at(-1)?.reason).toContain('does-not-exist');
  });
});

describe('over loopback (real sockets)', () => {
  it('resolves IMDS and container credentials and explains them', async () => {
    const mock = createMockAws({}, { clockMode: 'real' });
    const server = await startMockServer(mock, { port: 0 });
    try {
      const imdsEnv = { AWS_EC2_METADATA_SERVICE_ENDPOINT: server.url };
      const report = await explainCredentials({ env: imdsEnv, fs: fakeFs({}), homeDir: HOME });
      expect(report.credentials).toMatchObject({ ok: true, source: 'imds' });
      expect(report.credentials.trace.map((s) => s.outcome)).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'ok']);
      expect(report.credentials.trace.at(-1)?.reason).toMatch(/role rolecall-app-role via IMDSv2/);
      const container = await fromContainer({ env: { ...server.exports } })();
      expect(container.source).toBe('container');
      const viaSts = await createDefaultSts({ env: { AWS_ENDPOINT_URL_STS: server.url } }).assumeRole(
        { RoleArn: `arn:aws:iam::${mock.config.account}:role/rolecall-deploy`, RoleSessionName: 'loop' },
        { accessKeyId: ALICE.id, secretAccessKey: ALICE.secret },
      );
      expect(viaSts.source).toBe('assume-role');
    } finally {
      await server.close();
    }
  });

  it('1000 concurrent callers over real sockets: one token, one credential fetch', async () => {
    const mock = createMockAws({}, { clockMode: 'real' });
    const server = await startMockServer(mock, { port: 0 });
    try {
      const { defaultCredentials } = await import('../src/index.js');
      const credentials = defaultCredentials({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: server.url }, fs: fakeFs({}), homeDir: HOME, shared: false });
      const all = await Promise.all(Array.from({ length: 1000 }, () => credentials()));
      expect(new Set(all.map((c) => c.accessKeyId)).size).toBe(1);
      expect(mock.journal().filter((e) => e.action === 'credentials')).toHaveLength(1);
      expect(mock.journal().filter((e) => e.action === 'token')).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('fromProcess with the real runner', async () => {
    const script = `console.log(JSON.stringify({Version:1,AccessKeyId:'${ALICE.id}',SecretAccessKey:'x'}))`;
    const c = await fromProcess({ command: `${JSON.stringify(process.execPath)} -e ${JSON.stringify(script)}`, env: { PATH: process.env['PATH'] ?? '' } })();
    expect(c.accessKeyId).toBe(ALICE.id);
  });
});

describe('container RELATIVE_URI', () => {
  it('goes to 169.254.170.2 (answered in-process) and wins over FULL_URI', async () => {
    const h = harness({ container: { authorizationToken: null } });
    const c = await fromContainer({
      env: { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: h.mock.config.container.path, AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://localhost:1/ignored' },
      dispatcher: h.dispatcher,
      clock: h.clock,
    })();
    expect(c.source).toBe('container');
    expect(h.journal().at(-1)).toMatchObject({ service: 'container', status: 200 });
  });
});
