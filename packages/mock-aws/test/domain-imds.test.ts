import { describe, expect, it } from 'vitest';
import { createMockAws } from '../src/index.js';
import { ROLE_PATH, creds, getV2, req, text, token } from './domain-helpers.js';

const TTL = 'x-aws-ec2-metadata-token-ttl-seconds';
const HOUR = 3600_000;
/** Throttles off: these tests are about IMDS rules, not rates. */
const NO_THROTTLE = { faults: { throttle: { imds: null } } } as const;

describe('IMDS token PUT', () => {
  it('answers an opaque token and echoes the TTL', async () => {
    const mock = createMockAws(NO_THROTTLE);
    const res = await mock.handle(req('PUT', '/latest/api/token', { [TTL]: '60' }));
    expect(res.status).toBe(200);
    expect(res.headers[TTL]).toBe('60');
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers['server']).toBe('EC2ws');
    expect(text(res)).toMatch(/^AQAEA[A-Za-z0-9_-]{51}==$/);
    expect(text(await mock.handle(req('PUT', '/latest/api/token', { [TTL]: '60' })))).not.toBe(text(res));
  });

  it.each([['0'], ['21601'], ['-5'], ['abc'], ['1.5'], [''], ['999999']])('refuses TTL %j with 400', async (ttl) => {
    const res = await createMockAws(NO_THROTTLE).handle(req('PUT', '/latest/api/token', { [TTL]: ttl }));
    expect(res.status).toBe(400);
    expect(text(res)).toContain('<title>400 - Missing or Invalid Parameters</title>');
  });

  it('accepts the bounds 1 and 21600', async () => {
    const mock = createMockAws(NO_THROTTLE);
    for (const ttl of ['1', '21600']) expect((await mock.handle(req('PUT', '/latest/api/token', { [TTL]: ttl }))).status).toBe(200);
  });

  it('refuses a missing TTL with 400', async () => {
    expect((await createMockAws().handle(req('PUT', '/latest/api/token'))).status).toBe(400);
  });

  it('refuses a PUT that went through a proxy (X-Forwarded-For) with 403', async () => {
    const res = await createMockAws().handle(req('PUT', '/latest/api/token', { [TTL]: '60', 'x-forwarded-for': '10.0.0.9' }));
    expect(res.status).toBe(403);
  });

  it.each(['GET', 'POST', 'DELETE', 'HEAD'])('answers %s on the token path with 405 and Allow', async (method) => {
    const res = await createMockAws().handle(req(method, '/latest/api/token', { [TTL]: '60' }));
    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe('OPTIONS, PUT');
  });

  it('refuses a versioned token path with 403', async () => {
    expect((await createMockAws().handle(req('PUT', '/2021-03-23/api/token', { [TTL]: '60' }))).status).toBe(403);
  });

  it('answers 403 to everything while the endpoint is disabled', async () => {
    const mock = createMockAws({ instance: { httpEndpoint: 'disabled', httpTokens: 'optional' } });
    expect((await mock.handle(req('PUT', '/latest/api/token', { [TTL]: '60' }))).status).toBe(403);
    expect((await mock.handle(req('GET', '/latest/meta-data/instance-id'))).status).toBe(403);
  });
});

describe('IMDS token checks on reads', () => {
  it('requires a token by default (httpTokens required): 401 without one', async () => {
    const res = await createMockAws().handle(req('GET', '/latest/meta-data/instance-id'));
    expect(res.status).toBe(401);
    expect(text(res)).toContain('401 - Unauthorized');
  });

  it('answers with a valid token and says how long it has left', async () => {
    const mock = createMockAws();
    const tok = await token(mock, 120);
    mock.clock.advance(30_000);
    const res = await getV2(mock, '/latest/meta-data/instance-id', tok);
    expect(res.status).toBe(200);
    expect(text(res)).toBe('i-0abc1234def567890');
    expect(res.headers[TTL]).toBe('90');
  });

  it('refuses an expired token on the virtual clock', async () => {
    const mock = createMockAws();
    const tok = await token(mock, 60);
    mock.clock.advance(59_999);
    expect((await getV2(mock, '/latest/meta-data/instance-id', tok)).status).toBe(200);
    mock.clock.advance(1);
    expect((await getV2(mock, '/latest/meta-data/instance-id', tok)).status).toBe(401);
  });

  it('refuses a foreign token, even when tokens are optional', async () => {
    const mock = createMockAws({ instance: { httpTokens: 'optional' } });
    const other = await token(createMockAws({ seed: 99 }));
    expect((await getV2(mock, '/latest/meta-data/instance-id', other)).status).toBe(401);
    expect((await getV2(mock, '/latest/meta-data/instance-id', '')).status).toBe(401);
  });

  it('answers token-less reads as IMDSv1 when tokens are optional', async () => {
    const res = await createMockAws({ instance: { httpTokens: 'optional' } }).handle(req('GET', '/latest/meta-data/instance-id'));
    expect(res.status).toBe(200);
    expect(res.headers[TTL]).toBeUndefined();
  });

  it('forgets tokens on reset', async () => {
    const mock = createMockAws();
    const tok = await token(mock);
    mock.reset();
    expect((await getV2(mock, '/latest/meta-data/instance-id', tok)).status).toBe(401);
  });
});

describe('IMDS hop limit', () => {
  it('never answers the token PUT of a client too many hops away; its GETs still work', async () => {
    const mock = createMockAws({ instance: { hopLimit: 1, httpTokens: 'optional', hops: { bridged: 2 } } });
    const far = await mock.handle(req('PUT', '/latest/api/token', { [TTL]: '60' }, '', 'bridged'));
    expect(far.delivery).toEqual({ kind: 'hang' });
    const near = await mock.handle(req('PUT', '/latest/api/token', { [TTL]: '60' }, '', 'host'));
    expect(near.delivery).toBeUndefined();
    expect((await mock.handle(req('GET', '/latest/meta-data/instance-id', {}, '', 'bridged'))).status).toBe(200);
    expect(mock.journal().at(-3)?.fault).toBe('hop-limit');
  });

  it('lets a two-hop client through at the default hop limit of 2', async () => {
    const mock = createMockAws({ instance: { hops: { container: 2 } } });
    const res = await mock.handle(req('PUT', '/latest/api/token', { [TTL]: '60' }, '', 'container'));
    expect(res.delivery).toBeUndefined();
    expect(res.status).toBe(200);
  });
});

describe('IMDS metadata tree', () => {
  it('lists directories with sub-directories marked by a slash, with or without the trailing slash', async () => {
    const mock = createMockAws();
    const tok = await token(mock);
    const withSlash = text(await getV2(mock, '/latest/meta-data/', tok)).split('\n');
    expect(withSlash).toContain('iam/');
    expect(withSlash).toContain('instance-id');
    expect(withSlash).toContain('placement/');
    expect(withSlash).not.toContain('tags/');
    expect(withSlash).toEqual([...withSlash].sort());
    expect(text(await getV2(mock, '/latest/meta-data', tok))).toBe(withSlash.join('\n'));
    expect(text(await getV2(mock, '/latest/', tok))).toBe('dynamic\nmeta-data\nuser-data');
    expect(text(await getV2(mock, '/latest/meta-data/iam/security-credentials/', tok))).toBe('rolecall-app-role');
    expect(text(await getV2(mock, '/', tok)).split('\n')).toContain('latest');
  });

  it('answers placement, identity and instance items as plain text', async () => {
    const mock = createMockAws();
    const tok = await token(mock);
    const item = async (path: string): Promise<string> => text(await getV2(mock, `/latest/meta-data/${path}`, tok));
    expect(await item('placement/region')).toBe('us-east-1');
    expect(await item('placement/availability-zone')).toBe('us-east-1a');
    expect(await item('placement/availability-zone-id')).toBe('use1-az1');
    expect(await item('instance-type')).toBe('t3.micro');
    expect(await item('local-ipv4')).toBe('10.0.1.23');
    expect(await item(`network/interfaces/macs/0e:1a:2b:3c:4d:5e/owner-id`)).toBe('123456789012');
    expect(await item('events/maintenance/scheduled')).toBe('[]');
  });

  it('publishes scheduled maintenance events as a JSON array', async () => {
    const event = { NotBefore: '21 Jan 2027 09:00:43 GMT', NotAfter: '21 Jan 2027 09:17:23 GMT', Code: 'system-reboot', Description: 'scheduled reboot', EventId: 'instance-event-0d59937288b749b32', State: 'active' };
    const mock = createMockAws({ instance: { scheduledEvents: [event] } });
    expect(JSON.parse(text(await getV2(mock, '/latest/meta-data/events/maintenance/scheduled', await token(mock))))).toEqual([event]);
  });

  it('answers unknown items with the real XHTML 404 page', async () => {
    const mock = createMockAws();
    const res = await getV2(mock, '/latest/meta-data/no-such-item', await token(mock));
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('text/html');
    expect(text(res)).toContain('<title>404 - Not Found</title>');
    expect(text(res)).toMatch(/^<\?xml version="1.0" encoding="iso-8859-1"\?>\n<!DOCTYPE html PUBLIC/);
  });

  it('has no public IP, spot action or tags unless configured', async () => {
    const plain = createMockAws({ instance: { publicIpv4: '' } });
    const tok = await token(plain);
    expect((await getV2(plain, '/latest/meta-data/public-ipv4', tok)).status).toBe(404);
    expect((await getV2(plain, '/latest/meta-data/spot/instance-action', tok)).status).toBe(404);
    expect((await getV2(plain, '/latest/meta-data/tags/instance/Name', tok)).status).toBe(404);

    const spot = createMockAws({ instance: { spotAction: { action: 'stop', time: '2026-11-28T08:22:00Z' }, tags: { Name: 'web', Team: 'core' } } });
    const t2 = await token(spot);
    expect(JSON.parse(text(await getV2(spot, '/latest/meta-data/spot/instance-action', t2)))).toEqual({ action: 'stop', time: '2026-11-28T08:22:00Z' });
    expect(text(await getV2(spot, '/latest/meta-data/tags/instance', t2))).toBe('Name\nTeam');
    expect(text(await getV2(spot, '/latest/meta-data/tags/instance/Team', t2))).toBe('core');
  });

  it('answers user-data as octet-stream, and 404 when there is none', async () => {
    const mock = createMockAws({ instance: { userData: '#!/bin/sh\necho hi\n' } });
    const res = await getV2(mock, '/latest/user-data', await token(mock));
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(text(res)).toBe('#!/bin/sh\necho hi\n');
    const none = createMockAws({ instance: { userData: null } });
    expect((await getV2(none, '/latest/user-data', await token(none))).status).toBe(404);
  });

  it('answers the identity document as JSON with nulls for missing values', async () => {
    const mock = createMockAws();
    const tok = await token(mock);
    expect(text(await getV2(mock, '/latest/dynamic/instance-identity/', tok))).toBe('document\ndsa2048\npkcs7\nrsa2048\nsignature');
    const doc = JSON.parse(text(await getV2(mock, '/latest/dynamic/instance-identity/document', tok))) as Record<string, unknown>;
    expect(doc).toMatchObject({ accountId: '123456789012', instanceId: 'i-0abc1234def567890', region: 'us-east-1', version: '2017-09-30', kernelId: null });
  });

  it('answers HEAD with the headers and no body, and other methods with 405', async () => {
    const mock = createMockAws();
    const tok = await token(mock);
    const head = await mock.handle(req('HEAD', '/latest/meta-data/instance-id', { 'x-aws-ec2-metadata-token': tok }));
    expect(head.status).toBe(200);
    expect(text(head)).toBe('');
    const post = await mock.handle(req('DELETE', '/latest/meta-data/instance-id', { 'x-aws-ec2-metadata-token': tok }));
    expect(post.status).toBe(405);
  });

  it('has no iam/ for an instance without a role', async () => {
    const mock = createMockAws({ instance: { role: null } });
    const tok = await token(mock);
    expect((await getV2(mock, '/latest/meta-data/iam/info', tok)).status).toBe(404);
    expect(text(await getV2(mock, '/latest/meta-data/', tok))).not.toContain('iam/');
  });
});

describe('IMDS role credentials', () => {
  it('prints them as EC2 does, with a space on each side of the colon', async () => {
    const mock = createMockAws();
    const body = text(await getV2(mock, ROLE_PATH, await token(mock)));
    expect(body).toMatch(/^\{\n {2}"Code" : "Success",\n {2}"LastUpdated" : "2026-11-28T00:00:00Z",\n {2}"Type" : "AWS-HMAC",\n {2}"AccessKeyId" : "ASIA[A-Z2-7]{16}",/);
    expect(creds({ body, status: 200, headers: {} }).Expiration).toBe('2026-11-28T06:00:00Z');
  });

  it('registers the key with the instance role identity so STS can verify and name it', async () => {
    const mock = createMockAws();
    const c = creds(await getV2(mock, ROLE_PATH, await token(mock)));
    const key = mock.keys.get(c.AccessKeyId);
    expect(key?.secretAccessKey).toBe(c.SecretAccessKey);
    expect(key?.sessionToken).toBe(c.Token);
    expect(key?.identity).toMatchObject({
      kind: 'instance-role',
      arn: 'arn:aws:sts::123456789012:assumed-role/rolecall-app-role/i-0abc1234def567890',
    });
    expect(key?.identity.userId).toMatch(/^AROA[A-Z2-7]{17}:i-0abc1234def567890$/);
    expect(key?.expiresAtMs).toBe(Date.parse('2026-11-28T06:00:00Z'));
  });

  it('serves one set until the next is published rotateBeforeS before its expiry', async () => {
    const mock = createMockAws({ instance: { credentialLifetimeS: 21_600, rotateBeforeS: 900 } });
    const tok = await token(mock, 21_600);
    const first = creds(await getV2(mock, ROLE_PATH, tok));
    mock.clock.advance(5 * HOUR + 44 * 60_000); // 5:44, one minute before the next is due
    expect(creds(await getV2(mock, ROLE_PATH, tok)).AccessKeyId).toBe(first.AccessKeyId);
    mock.clock.advance(60_000); // 5:45 = 6 h − 15 min
    const second = creds(await getV2(mock, ROLE_PATH, tok));
    expect(second.AccessKeyId).not.toBe(first.AccessKeyId);
    expect(second.LastUpdated).toBe('2026-11-28T05:45:00Z');
    expect(second.Expiration).toBe('2026-11-28T11:45:00Z');
    // The old set is still valid for 15 minutes: at least 5 minutes of overlap.
    expect(Date.parse(first.Expiration) - Date.parse(second.LastUpdated)).toBeGreaterThanOrEqual(5 * 60_000);
  });

  it('publishes a new generation every lifetime − rotateBefore across many generations, each expiring in the future', async () => {
    const mock = createMockAws({ instance: { credentialLifetimeS: 3600, rotateBeforeS: 600 } });
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const c = creds(await getV2(mock, ROLE_PATH, await token(mock)));
      seen.add(c.AccessKeyId);
      expect(Date.parse(c.Expiration) - mock.clock.now()).toBeGreaterThan(600_000 - 1);
      mock.clock.advance(50 * 60_000);
    }
    expect(seen.size).toBe(10);
  });

  it('gives IMDSv1 and IMDSv2 callers different sets', async () => {
    const mock = createMockAws({ instance: { httpTokens: 'optional' } });
    const v2 = creds(await getV2(mock, ROLE_PATH, await token(mock)));
    const v1 = creds(await mock.handle(req('GET', ROLE_PATH)));
    expect(v1.AccessKeyId).not.toBe(v2.AccessKeyId);
    expect(creds(await mock.handle(req('GET', ROLE_PATH))).AccessKeyId).toBe(v1.AccessKeyId);
    expect(v1.Expiration).toBe(v2.Expiration);
  });

  it('keeps serving the first set after it expired in outage mode', async () => {
    const mock = createMockAws({ instance: { serveExpiredCredentials: true } });
    const first = creds(await getV2(mock, ROLE_PATH, await token(mock)));
    mock.clock.advance(7 * HOUR);
    const later = creds(await getV2(mock, ROLE_PATH, await token(mock)));
    expect(later.AccessKeyId).toBe(first.AccessKeyId);
    expect(Date.parse(later.Expiration)).toBeLessThan(mock.clock.now());
  });

  it('answers identity-credentials/ec2 with the instance identity, not the role', async () => {
    const mock = createMockAws();
    const tok = await token(mock);
    expect(text(await getV2(mock, '/latest/meta-data/identity-credentials/ec2/security-credentials/', tok))).toBe('ec2-instance');
    const c = creds(await getV2(mock, '/latest/meta-data/identity-credentials/ec2/security-credentials/ec2-instance', tok));
    expect(mock.keys.get(c.AccessKeyId)?.identity.arn).toBe('arn:aws:sts::123456789012:assumed-role/aws:ec2-instance/i-0abc1234def567890');
    const info = JSON.parse(text(await getV2(mock, '/latest/meta-data/identity-credentials/ec2/info', tok))) as Record<string, unknown>;
    expect(info['AccountId']).toBe('123456789012');
    const iamInfo = JSON.parse(text(await getV2(mock, '/latest/meta-data/iam/info', tok))) as Record<string, unknown>;
    expect(iamInfo['InstanceProfileArn']).toBe('arn:aws:iam::123456789012:instance-profile/rolecall-app-role');
    expect(iamInfo['InstanceProfileId']).toMatch(/^AIPA[A-Z2-7]{17}$/);
  });

  it('issues the same keys for the same seed and the same requests', async () => {
    const run = async (): Promise<string> => {
      const mock = createMockAws({ seed: 42 });
      return creds(await getV2(mock, ROLE_PATH, await token(mock))).AccessKeyId;
    };
    expect(await run()).toBe(await run());
  });
});
