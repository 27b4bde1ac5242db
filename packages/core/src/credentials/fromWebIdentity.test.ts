import { describe, expect, it } from 'vitest';
import { fakeFs, fakeSts } from '../../test/fakes.js';
import { fromWebIdentity } from './fromWebIdentity.js';

describe('fromWebIdentity', () => {
  it('is skipped when neither variable is set', async () => {
    await expect(fromWebIdentity({ env: {}, sts: fakeSts() })()).rejects.toMatchObject({ tryNextLink: true, provider: 'web-identity' });
  });

  it('fails naming the missing half', async () => {
    await expect(fromWebIdentity({ env: { AWS_ROLE_ARN: 'arn:aws:iam::1:role/R' }, sts: fakeSts() })()).rejects.toThrow(/AWS_WEB_IDENTITY_TOKEN_FILE is not/);
  });

  it('re-reads the token on every call and passes the session name', async () => {
    const files: Record<string, string> = { '/t': 'token-1' };
    const fs = fakeFs(files);
    const sts = fakeSts();
    const provider = fromWebIdentity({ env: { AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: 'arn:aws:iam::1:role/R', AWS_ROLE_SESSION_NAME: 'ci' }, fs, sts });
    const first = await provider();
    files['/t'] = 'token-2';
    await provider();
    expect(sts.calls.map((c) => [c.token, c.sessionName])).toEqual([
      ['token-1', 'ci'],
      ['token-2', 'ci'],
    ]);
    expect(first.source).toBe('web-identity');
  });

  it('fails clearly when the token file is unreadable', async () => {
    await expect(fromWebIdentity({ env: { AWS_WEB_IDENTITY_TOKEN_FILE: '/missing', AWS_ROLE_ARN: 'arn:aws:iam::1:role/R' }, fs: fakeFs({}), sts: fakeSts() })()).rejects.toThrow(/cannot read the web identity token file \/missing \(ENOENT\)/);
  });
});
