import { describe, expect, it } from 'vitest';
import { createMockAws } from '../src/index.js';
import { ROLE_PATH, creds, getV2, req, text, token } from './domain-helpers.js';

const TTL = 'x-aws-ec2-metadata-token-ttl-seconds';

// The IMDS service builds a leaf's answer once and reuses it; these pin that the reuse never shows.
describe('IMDS answers built once and reused', () => {
  it('follow the token TTL header second by second and each token its own TTL', async () => {
    const mock = createMockAws();
    const long = await token(mock, 21_600);
    const short = await token(mock, 60);
    expect((await getV2(mock, ROLE_PATH, long)).headers[TTL]).toBe('21600');
    mock.clock.advance(1500);
    expect((await getV2(mock, ROLE_PATH, long)).headers[TTL]).toBe('21599');
    expect((await getV2(mock, ROLE_PATH, short)).headers[TTL]).toBe('59');
    expect((await getV2(mock, ROLE_PATH, long)).headers[TTL]).toBe('21599');
    const v1 = await mock.handle(req('GET', '/latest/meta-data/instance-id'));
    expect(v1.status).toBe(401);
  });

  it('answer HEAD without a body and GET with it, in either order', async () => {
    const mock = createMockAws();
    const tok = await token(mock);
    const get1 = await getV2(mock, ROLE_PATH, tok);
    const head = await mock.handle(req('HEAD', ROLE_PATH, { 'x-aws-ec2-metadata-token': tok }));
    const get2 = await getV2(mock, ROLE_PATH, tok);
    expect(text(head)).toBe('');
    expect(head.headers).toEqual(get1.headers);
    expect(text(get2)).toBe(text(get1));
    expect(creds(get2).Code).toBe('Success');
  });

  it('change with the credential generation, and v1 and v2 callers keep their own keys', async () => {
    const mock = createMockAws({ instance: { httpTokens: 'optional' } });
    const tok = await token(mock);
    const first = creds(await getV2(mock, ROLE_PATH, tok));
    const v1 = creds(await mock.handle(req('GET', ROLE_PATH)));
    expect(v1.AccessKeyId).not.toBe(first.AccessKeyId);
    mock.clock.advance(6 * 3600_000);
    const fresh = await token(mock);
    const next = creds(await getV2(mock, ROLE_PATH, fresh));
    expect(next.AccessKeyId).not.toBe(first.AccessKeyId);
    expect(Date.parse(next.Expiration)).toBeGreaterThan(Date.parse(first.Expiration));
    const journal = mock.journal().filter((e) => e.action === 'credentials');
    expect(journal.map((e) => e.accessKeyId)).toEqual([first, v1, next].map((c) => `****${c.AccessKeyId.slice(-4)}`));
  });
});
