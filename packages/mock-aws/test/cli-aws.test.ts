/**
 * The AWS CLI, unmodified, against the loopback mock, in a child process whose
 * environment points only at the mock (HOME and the config files are empty
 * temporaries). Skipped, saying so, where `aws` is not installed.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useIsolatedAws } from './sdk-isolatedEnv.js';

const run = promisify(execFile);

function awsCliVersion(): string | undefined {
  try {
    return execFileSync('aws', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 15_000 }).trim();
  } catch {
    return undefined;
  }
}
const version = awsCliVersion();
if (version === undefined) console.warn('cli-aws.test.ts: skipped: the `aws` CLI is not on PATH (install aws-cli to run these tests)');

const isolated = useIsolatedAws();

async function aws(args: string[], extraEnv: Record<string, string> = {}): Promise<Record<string, string>> {
  const env = isolated.env(extraEnv);
  const { stdout } = await run('aws', [...args, '--output', 'json'], { env, timeout: 30_000 });
  return JSON.parse(stdout) as Record<string, string>;
}

describe.skipIf(version === undefined)(`aws CLI (${version ?? 'not installed'}) against the loopback mock`, () => {
  it('sts get-caller-identity resolves the chain to IMDS and reports the instance role', async () => {
    const out = await aws(['sts', 'get-caller-identity']);
    expect(out).toEqual({
      UserId: expect.stringMatching(new RegExp(`^AROA[A-Z0-9]+:${isolated.mock.config.instance.instanceId}$`)),
      Account: isolated.mock.config.account,
      Arn: `arn:aws:sts::${isolated.mock.config.account}:assumed-role/${isolated.mock.config.instance.role}/${isolated.mock.config.instance.instanceId}`,
    });
    const services = isolated.mock.journal().map((e) => `${e.service}:${e.method}:${e.status}`);
    expect(services[0]).toBe('imds:PUT:200');
    expect(services.at(-1)).toBe('sts:POST:200');
  });

  it('sts get-caller-identity with a configured user key reports that user', async () => {
    const user = isolated.mock.config.users[0]!;
    const out = await aws(['sts', 'get-caller-identity'], { AWS_ACCESS_KEY_ID: user.accessKeyId, AWS_SECRET_ACCESS_KEY: user.secretAccessKey });
    expect(out.Arn).toBe(`arn:aws:iam::${isolated.mock.config.account}:user/${user.name}`);
    expect(isolated.mock.journal().map((e) => e.service)).toEqual(['sts']);
  });
});
