import type { Credentials, ReadFileFs, StsForCredentials, AssumeRoleParams, AssumeRoleWithWebIdentityParams } from '../src/index.js';

/** An in-memory file system: path → text; anything else is ENOENT. */
export function fakeFs(files: Record<string, string>): ReadFileFs & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async readFile(path: string): Promise<string> {
      reads.push(path);
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
      return text;
    },
  };
}

/** A fake STS that mints predictable credentials and records what it was asked with which key. */
export function fakeSts(options: { expiration?: Date; fail?: (roleArn: string) => Error | undefined } = {}): StsForCredentials & {
  calls: { action: string; roleArn: string; sessionName: string; signedWith?: string; externalId?: string; token?: string }[];
} {
  const calls: { action: string; roleArn: string; sessionName: string; signedWith?: string; externalId?: string; token?: string }[] = [];
  let n = 0;
  const mint = (roleArn: string): Credentials => {
    n++;
    const failure = options.fail?.(roleArn);
    if (failure !== undefined) throw failure;
    return {
      accessKeyId: `ASIAFAKE${String(n).padStart(12, '0')}`,
      secretAccessKey: `fakeSecret${n}`,
      sessionToken: `fakeToken${n}`,
      expiration: options.expiration ?? new Date('2026-01-01T01:00:00Z'),
      source: 'assume-role',
    };
  };
  return {
    calls,
    async assumeRole(params: AssumeRoleParams, credentials: Credentials) {
      calls.push({ action: 'AssumeRole', roleArn: params.RoleArn, sessionName: params.RoleSessionName, signedWith: credentials.accessKeyId, ...(params.ExternalId === undefined ? {} : { externalId: params.ExternalId }) });
      return mint(params.RoleArn);
    },
    async assumeRoleWithWebIdentity(params: AssumeRoleWithWebIdentityParams) {
      calls.push({ action: 'AssumeRoleWithWebIdentity', roleArn: params.RoleArn, sessionName: params.RoleSessionName, token: params.WebIdentityToken });
      return { ...mint(params.RoleArn), source: 'web-identity' };
    },
  };
}

/** A logger that keeps what it was told. */
export function memoryLogger(): { warn(message: string): void; messages: string[] } {
  const messages: string[] = [];
  return { messages, warn: (m: string) => void messages.push(m) };
}
