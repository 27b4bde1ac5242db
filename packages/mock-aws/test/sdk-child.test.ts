/**
 * SDK providers that take their endpoint only from the environment or
 * ~/.aws/config (fromInstanceMetadata, fromNodeProviderChain) run in a child
 * process whose environment points only at the loopback mock: HOME, config
 * and credentials files are empty temporaries, and the test's own
 * process.env is never written.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useIsolatedAws } from './sdk-isolatedEnv.js';

const run = promisify(execFile);
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Resolves credentials with the named provider, then calls GetCallerIdentity with them; prints no secret. */
const CHILD = `
import { fromContainerMetadata, fromInstanceMetadata, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
const which = process.env.ROLECALL_TEST_PROVIDER;
const provider = which === 'chain' ? fromNodeProviderChain()
  : which === 'container' ? fromContainerMetadata({ maxRetries: 0, timeout: 2000 })
  : fromInstanceMetadata({ maxRetries: 0, timeout: 2000 });
const credentials = await provider();
const who = await new STSClient({ region: 'us-east-1', credentials }).send(new GetCallerIdentityCommand({}));
console.log(JSON.stringify({ accessKeyId: credentials.accessKeyId, expiration: credentials.expiration, arn: who.Arn }));
`;

const aws = useIsolatedAws();

async function child(provider: 'imds' | 'chain' | 'container', extraEnv: Record<string, string> = {}): Promise<{ accessKeyId: string; expiration: string; arn: string }> {
  const env = aws.env({ ROLECALL_TEST_PROVIDER: provider, ...extraEnv });
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', CHILD], { cwd: PACKAGE_DIR, env, timeout: 15_000 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { accessKeyId: string; expiration: string; arn: string };
}

const instanceRoleArn = (): string =>
  `arn:aws:sts::${aws.mock.config.account}:assumed-role/${aws.mock.config.instance.role}/${aws.mock.config.instance.instanceId}`;

describe('official SDK providers in a child process pointed at the mock', () => {
  it('fromInstanceMetadata resolves through IMDSv2 and STS accepts the credentials', async () => {
    const out = await child('imds');
    expect(out.arn).toBe(instanceRoleArn());
    expect(aws.mock.keys.get(out.accessKeyId)?.issuedBy).toBe('imds');
    expect(new Date(out.expiration).getTime()).toBeGreaterThan(Date.now());
    const imds = aws.mock.journal().filter((e) => e.service === 'imds');
    expect(imds[0]).toMatchObject({ method: 'PUT', status: 200 });
    expect(imds.every((e) => e.status === 200)).toBe(true);
    expect(aws.mock.journal().at(-1)).toMatchObject({ service: 'sts', action: 'GetCallerIdentity', status: 200 });
  });

  it('fromNodeProviderChain falls through to IMDS when nothing else is configured', async () => {
    const out = await child('chain');
    expect(out.arn).toBe(instanceRoleArn());
    expect(aws.mock.keys.get(out.accessKeyId)?.issuedBy).toBe('imds');
  });

  it('fromContainerMetadata reads the full URI and token from its environment', async () => {
    const out = await child('container', {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: aws.server.exports.AWS_CONTAINER_CREDENTIALS_FULL_URI!,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: aws.server.exports.AWS_CONTAINER_AUTHORIZATION_TOKEN!,
    });
    expect(out.arn).toContain(`:assumed-role/${aws.mock.config.container.role}/`);
    expect(aws.mock.keys.get(out.accessKeyId)?.issuedBy).toBe('container');
  });

  it('fromNodeProviderChain takes the container endpoint when its full URI is set', async () => {
    const out = await child('chain', {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: aws.server.exports.AWS_CONTAINER_CREDENTIALS_FULL_URI!,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: aws.server.exports.AWS_CONTAINER_AUTHORIZATION_TOKEN!,
    });
    expect(out.arn).toContain(`:assumed-role/${aws.mock.config.container.role}/`);
    expect(aws.mock.keys.get(out.accessKeyId)?.issuedBy).toBe('container');
    expect(aws.mock.journal().some((e) => e.service === 'imds')).toBe(false);
  });
});
