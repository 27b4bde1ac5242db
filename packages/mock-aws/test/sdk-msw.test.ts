/**
 * The same official SDK through MSW's setupServer: the SDK speaks node:http
 * (NodeHttpHandler; the IMDS provider's own request), which MSW intercepts,
 * so the default endpoints (169.254.169.254, sts.us-east-1.amazonaws.com)
 * are answered by the mock in-process and never reached.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromHttp, fromInstanceMetadata } from '@aws-sdk/credential-providers';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import { createMockAws, handlers } from '../src/index.js';

const mock = createMockAws({}, { clockMode: 'real' });
const server = setupServer(...handlers(mock));
beforeAll(() => {
  // The SDK's IMDS endpoint comes from the environment; the default one must be what MSW answers.
  if (process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT !== undefined) throw new Error('unset AWS_EC2_METADATA_SERVICE_ENDPOINT to run sdk-msw.test.ts');
  server.listen({ onUnhandledFrame: 'error' });
});
beforeEach(() => mock.reset());
afterAll(() => server.close());

const user = () => {
  const u = mock.config.users[0]!;
  return { accessKeyId: u.accessKeyId, secretAccessKey: u.secretAccessKey };
};

describe('official SDK through MSW handlers', () => {
  it('fromInstanceMetadata resolves via IMDSv2 at the default endpoint, and regional STS accepts the keys', async () => {
    const credentials = await fromInstanceMetadata({ maxRetries: 0 })();
    expect(mock.keys.get(credentials.accessKeyId)?.issuedBy).toBe('imds');
    const who = await new STSClient({ region: 'us-east-1', credentials }).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:sts::${mock.config.account}:assumed-role/${mock.config.instance.role}/${mock.config.instance.instanceId}`);
    expect(mock.journal().map((e) => e.client)).toEqual(expect.arrayContaining(['msw']));
    expect(mock.journal()[0]).toMatchObject({ service: 'imds', method: 'PUT', status: 200 });
  });

  it('fromHttp reaches the ECS endpoint 169.254.170.2', async () => {
    const credentials = await fromHttp({
      awsContainerCredentialsFullUri: `http://169.254.170.2${mock.config.container.path}`,
      ...(mock.config.container.authorizationToken === null ? {} : { awsContainerAuthorizationToken: mock.config.container.authorizationToken }),
    })();
    expect(mock.keys.get(credentials.accessKeyId)?.issuedBy).toBe('container');
  });

  it('retries an injected Throttling and then answers, as over the socket', async () => {
    mock.setFaults({ rules: [{ service: 'sts', action: 'GetCallerIdentity', status: 400, code: 'Throttling', times: 2 }] });
    const client = new STSClient({ region: 'eu-west-1', credentials: user(), retryStrategy: new ConfiguredRetryStrategy(3, 0) });
    const out = await client.send(new GetCallerIdentityCommand({}));
    expect(out.$metadata.attempts).toBe(3);
    expect(mock.journal().map((e) => e.code)).toEqual(['Throttling', 'Throttling', null]);
  });

  it('rejects a wrong signature with SignatureDoesNotMatch', async () => {
    const client = new STSClient({ region: 'us-east-1', credentials: { ...user(), secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGKEYX' } });
    await expect(client.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
  });
});
