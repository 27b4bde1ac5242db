import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { type MockRequest, createStsService } from '../src/index.js';
import { TEST_ACCOUNT, TEST_USER, createTestStsContext } from '../src/sts/testContext.js';

/**
 * Presigned STS URLs as a real tool makes them: `aws eks get-token` presigns
 * GetCallerIdentity with botocore (no network call) and Kubernetes'
 * aws-iam-authenticator replays the URL against STS. Here the mock's STS
 * replays it. Skipped, saying so, where the `aws` CLI is not installed.
 */

const run = promisify(execFile);

function awsCliVersion(): string | undefined {
  try {
    return execFileSync('aws', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 }).trim();
  } catch {
    return undefined;
  }
}
const version = awsCliVersion();
if (version === undefined) console.warn('sts-eks-token.test.ts: skipped: the `aws` CLI is not on PATH (install aws-cli to run it)');

async function eksToken(cluster: string): Promise<URL> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: '/nonexistent-rolecall-home',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    // Static keys and no IMDS: the CLI must not look for credentials anywhere else.
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: TEST_USER.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_USER.secretAccessKey,
    ...(process.env.PYENV_ROOT === undefined ? {} : { PYENV_ROOT: process.env.PYENV_ROOT }),
  };
  const { stdout } = await run('aws', ['eks', 'get-token', '--cluster-name', cluster, '--region', 'eu-west-1', '--output', 'json'], { env, timeout: 30_000 });
  const token = (JSON.parse(stdout) as { status: { token: string } }).status.token;
  return new URL(Buffer.from(token.replace(/^k8s-aws-v1\./, ''), 'base64url').toString('utf8'));
}

function replay(url: URL, cluster: string): MockRequest {
  return { method: 'GET', path: `${url.pathname}${url.search}`, headers: { host: url.host, 'x-k8s-aws-id': cluster }, body: new Uint8Array(), client: 'eks', host: url.host };
}

describe.skipIf(version === undefined)(`presigned GetCallerIdentity from aws eks get-token (${version ?? 'aws CLI not installed'})`, () => {
  it('verifies, identifies the signer, and refuses the URL for another cluster or after it expires', async () => {
    const url = await eksToken('demo');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host;x-k8s-aws-id');
    const signedAt = url.searchParams.get('X-Amz-Date') ?? '';
    const signedAtMs = Date.parse(`${signedAt.slice(0, 4)}-${signedAt.slice(4, 6)}-${signedAt.slice(6, 11)}:${signedAt.slice(11, 13)}:${signedAt.slice(13)}`);
    let now = signedAtMs + 1000;
    const test = createTestStsContext();
    const sts = createStsService({ ...test.ctx, now: () => now });

    const ok = await sts.handle(replay(url, 'demo'));
    expect(ok.response.status).toBe(200);
    const doc = new XMLParser().parse(String(ok.response.body)) as Record<string, any>;
    expect(doc.GetCallerIdentityResponse.GetCallerIdentityResult.Arn).toBe(`arn:aws:iam::${TEST_ACCOUNT}:user/alice`);

    expect((await sts.handle(replay(url, 'other'))).code).toBe('SignatureDoesNotMatch');
    now = signedAtMs + 61_000;
    expect((await sts.handle(replay(url, 'demo'))).code).toBe('SignatureDoesNotMatch');
  });
});
