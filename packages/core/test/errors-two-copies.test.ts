// Two copies of the package in one process (a dependency pinning another
// version, a bundled copy): an error thrown by one copy must be `instanceof`
// the other copy's class, for every class, not only the base. The built dist/
// is copied under another path and both copies are imported in a fresh node
// process, so they are two module instances with two sets of classes.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const coreDir = fileURLToPath(new URL('..', import.meta.url));

const SCRIPT = (a: string, b: string) => `
const A = await import(${JSON.stringify(a)});
const B = await import(${JSON.stringify(b)});
const quota = { attempts: 1, totalDelayMs: 0, retryCost: 1, quotaAvailable: 0.2, retryAfterMs: 0, limit: 'budget' };
const made = {
  InvalidOptionError: new B.InvalidOptionError('x', 'bad x'),
  ProfileConfigError: new B.ProfileConfigError('dev', 'broken'),
  CredentialsNotConfiguredError: new B.CredentialsNotConfiguredError('env', 'not set', 'AWS_ACCESS_KEY_ID'),
  CredentialsProviderError: new B.CredentialsProviderError('env', 'failed'),
  RetryQuotaExhaustedError: new B.RetryQuotaExhaustedError(quota),
  RetryDeadlineExceededError: new B.RetryDeadlineExceededError({ attempts: 2, totalDelayMs: 5, totalTimeMs: 10, elapsedMs: 8, nextDelayMs: 4 }),
};
const classes = ['RolecallError', 'InvalidOptionError', 'ProfileConfigError', 'CredentialsProviderError', 'CredentialsNotConfiguredError', 'RetryGaveUpError', 'RetryQuotaExhaustedError', 'RetryDeadlineExceededError', 'RetryBudgetExhaustedError', 'NetworkError'];
const table = {};
for (const [name, error] of Object.entries(made)) table[name] = classes.filter((c) => error instanceof A[c]);
console.log(JSON.stringify({ distinct: A.InvalidOptionError !== B.InvalidOptionError, table }));
`;

describe('instanceof across two copies of the package', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(coreDir, '.two-copies-'));
    await cp(join(coreDir, 'dist'), join(dir, 'dist'), { recursive: true });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("each error of one copy is an instance of the other copy's class and of its ancestors, and of nothing else", async () => {
    const a = pathToFileURL(join(coreDir, 'dist/index.js')).href;
    const b = pathToFileURL(join(dir, 'dist/index.js')).href;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', SCRIPT(a, b)], { cwd: coreDir, timeout: 30_000 });
    const { distinct, table } = JSON.parse(stdout) as { distinct: boolean; table: Record<string, string[]> };
    expect(distinct).toBe(true);
    expect(table).toEqual({
      InvalidOptionError: ['RolecallError', 'InvalidOptionError'],
      ProfileConfigError: ['RolecallError', 'ProfileConfigError'],
      CredentialsProviderError: ['RolecallError', 'CredentialsProviderError'],
      CredentialsNotConfiguredError: ['RolecallError', 'CredentialsProviderError', 'CredentialsNotConfiguredError'],
      RetryQuotaExhaustedError: ['RolecallError', 'RetryGaveUpError', 'RetryQuotaExhaustedError'],
      // The deprecated name is the same class.
      RetryDeadlineExceededError: ['RolecallError', 'RetryGaveUpError', 'RetryDeadlineExceededError', 'RetryBudgetExhaustedError'],
    });
  });
});
