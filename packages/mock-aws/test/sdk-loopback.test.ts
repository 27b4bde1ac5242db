/**
 * The official AWS SDK for JavaScript v3, unmodified, against the loopback
 * server: container credentials, STS with user keys and with credentials the
 * mock issued, SDK retries on an injected Throttling, signature checks.
 * Endpoints are passed as options; process.env is never touched.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromHttp } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity } from '@smithy/types';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import { createMockAws, startMockServer } from '../src/index.js';
import type { MockAws, MockServer } from '../src/index.js';

let mock: MockAws;
let server: MockServer;
beforeAll(async () => {
  mock = createMockAws({}, { clockMode: 'real' });
  server = await startMockServer(mock, { port: 0 });
});
beforeEach(() => mock.reset());
afterAll(() => server.close());

function user(): AwsCredentialIdentity & { arn: string } {
  const first = mock.config.users[0];
  if (first === undefined) throw new Error('the default config has no IAM user');
  return { accessKeyId: first.accessKeyId, secretAccessKey: first.secretAccessKey, arn: `arn:aws:iam::${mock.config.account}:user/${first.name}` };
}

/** A role the first user may assume, from the default config's trust lists. */
function assumableRole(): string {
  const { arn } = user();
  const matches = (pattern: string): boolean => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(arn);
  const role = mock.config.roles.find((r) => r.trust.some(matches) || JSON.stringify(r.trustPolicy ?? {}).includes(`"${arn}"`));
  if (role === undefined) throw new Error('the default config has no role the first user may assume');
  return `arn:aws:iam::${mock.config.account}:role/${role.name}`;
}

function sts(credentials: AwsCredentialIdentity, extra: Partial<ConstructorParameters<typeof STSClient>[0]> = {}): STSClient {
  return new STSClient({ region: 'us-east-1', endpoint: server.url, credentials, ...extra });
}

describe('official SDK against the loopback server', () => {
  it('GetCallerIdentity with a configured IAM user reports that user', async () => {
    const out = await sts(user()).send(new GetCallerIdentityCommand({}));
    expect(out.Arn).toBe(user().arn);
    expect(out.Account).toBe(mock.config.account);
    expect(out.UserId).toMatch(/^AIDA/);
    expect(mock.journal().map((e) => [e.service, e.action, e.status])).toEqual([['sts', 'GetCallerIdentity', 200]]);
  });

  it('AssumeRole, then GetCallerIdentity with the session reports the assumed role', async () => {
    const roleArn = assumableRole();
    const out = await sts(user()).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'fidelity', DurationSeconds: 900 }));
    const c = out.Credentials;
    expect(c?.AccessKeyId).toMatch(/^ASIA/);
    expect(c?.Expiration?.getTime()).toBeGreaterThan(Date.now() + 800_000);
    const who = await sts({ accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! }).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:sts::${mock.config.account}:assumed-role/${roleArn.split('/').pop()}/fidelity`);
  });

  it('fromHttp (the container provider) resolves with the full URI and token, and STS accepts the result', async () => {
    const provider = fromHttp({
      awsContainerCredentialsFullUri: server.exports.AWS_CONTAINER_CREDENTIALS_FULL_URI!,
      awsContainerAuthorizationToken: server.exports.AWS_CONTAINER_AUTHORIZATION_TOKEN!,
    });
    const credentials = await provider();
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
    expect(credentials.expiration!.getTime()).toBeGreaterThan(Date.now());
    const who = await sts(credentials).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toContain(`:assumed-role/${mock.config.container.role}/`);
    expect(mock.journal().map((e) => e.service)).toEqual(['container', 'sts']);
  });

  it('a wrong container token is refused and the SDK says so', async () => {
    const provider = fromHttp({ awsContainerCredentialsFullUri: server.exports.AWS_CONTAINER_CREDENTIALS_FULL_URI!, awsContainerAuthorizationToken: 'wrong-token', maxRetries: 0 });
    await expect(provider()).rejects.toThrow();
    expect(mock.journal()[0]).toMatchObject({ service: 'container' });
    expect(mock.journal()[0]?.status).toBeGreaterThanOrEqual(400);
  });

  it('retries an injected Throttling twice; the journal shows three GetCallerIdentity calls', async () => {
    mock.setFaults({ rules: [{ service: 'sts', action: 'GetCallerIdentity', status: 400, code: 'Throttling', times: 2 }] });
    // The SDK's own classification decides to retry; only its backoff wait is set to 0 so the test does not sleep.
    const client = sts(user(), { retryStrategy: new ConfiguredRetryStrategy(3, 0) });
    const out = await client.send(new GetCallerIdentityCommand({}));
    expect(out.Arn).toBe(user().arn);
    expect(out.$metadata.attempts).toBe(3);
    const calls = mock.journal().filter((e) => e.action === 'GetCallerIdentity');
    expect(calls.map((e) => [e.status, e.code])).toEqual([[400, 'Throttling'], [400, 'Throttling'], [200, null]]);
    expect(calls[0]?.fault).not.toBeNull();
  });

  it('a request signed with the wrong secret gets SignatureDoesNotMatch (403), not retried', async () => {
    const wrong = { ...user(), secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGKEYX' };
    const error = await sts(wrong).send(new GetCallerIdentityCommand({})).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    expect(mock.journal().map((e) => e.code)).toEqual(['SignatureDoesNotMatch']);
  });

  it('an unknown access key gets InvalidClientTokenId', async () => {
    const error = await sts({ accessKeyId: 'AKIAFAKEUNKNOWN00000', secretAccessKey: 'x'.repeat(40) }).send(new GetCallerIdentityCommand({})).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } });
  });

  it('the journal never holds a secret the SDK saw', async () => {
    const credentials = await fromHttp({
      awsContainerCredentialsFullUri: server.exports.AWS_CONTAINER_CREDENTIALS_FULL_URI!,
      awsContainerAuthorizationToken: server.exports.AWS_CONTAINER_AUTHORIZATION_TOKEN!,
    })();
    await sts(credentials).send(new GetCallerIdentityCommand({}));
    const text = JSON.stringify(mock.journal());
    expect(text).not.toContain(credentials.secretAccessKey);
    expect(text).not.toContain(credentials.sessionToken!);
    expect(text).not.toContain(credentials.accessKeyId);
  });
});
