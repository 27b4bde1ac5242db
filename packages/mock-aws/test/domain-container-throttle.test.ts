import { describe, expect, it } from 'vitest';
import { createMockAws } from '../src/index.js';
import { req, text, token } from './domain-helpers.js';

const PATH = '/v2/credentials/rolecall-task';
const AUTH = { authorization: 'rolecall-container-token' };

describe('container credentials endpoint', () => {
  it('serves AccessKeyId, SecretAccessKey, Token, Expiration and RoleArn for the right token', async () => {
    const mock = createMockAws();
    const res = await mock.handle(req('GET', PATH, AUTH));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    const body = JSON.parse(text(res)) as Record<string, string>;
    expect(Object.keys(body)).toEqual(['AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration', 'RoleArn']);
    expect(body['RoleArn']).toBe('arn:aws:iam::123456789012:role/rolecall-task-role');
    expect(body['Expiration']).toBe('2026-11-28T06:00:00Z');
    const key = mock.keys.get(body['AccessKeyId'] ?? '');
    expect(key?.identity.kind).toBe('container-role');
    expect(key?.identity.arn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/rolecall-task-role\/[0-9a-f]{32}$/);
  });

  it('answers 401 JSON without a token and 403 JSON for a wrong one', async () => {
    const mock = createMockAws();
    const none = await mock.handle(req('GET', PATH));
    expect(none.status).toBe(401);
    expect(JSON.parse(text(none))).toMatchObject({ code: 'Unauthorized' });
    const wrong = await mock.handle(req('GET', PATH, { authorization: 'guess' }));
    expect(wrong.status).toBe(403);
    expect(JSON.parse(text(wrong))).toMatchObject({ code: 'AccessDenied' });
    expect(text(wrong)).not.toContain('rolecall-container-token');
  });

  it('accepts no Authorization when the token is configured as null (ECS relative-URI style)', async () => {
    expect((await createMockAws({ container: { authorizationToken: null } }).handle(req('GET', PATH))).status).toBe(200);
  });

  it('answers an unknown or missing credentials id as the ECS agent does', async () => {
    const mock = createMockAws();
    const unknown = await mock.handle(req('GET', '/v2/credentials/0000-other-task', AUTH));
    expect(unknown.status).toBe(400);
    expect(JSON.parse(text(unknown))).toEqual({ code: 'InvalidIdInRequest', message: 'CredentialsV2Request: Credentials not found' });
    const missing = await mock.handle(req('GET', '/v2/credentials/', AUTH));
    expect(JSON.parse(text(missing))).toMatchObject({ code: 'NoIdInRequest' });
    expect(mock.journal().map((e) => [e.service, e.code])).toEqual([['container', 'InvalidIdInRequest'], ['container', 'NoIdInRequest']]);
  });

  it('is not served when disabled', async () => {
    const res = await createMockAws({ container: { enabled: false } }).handle(req('GET', PATH, AUTH));
    expect(res.status).not.toBe(200);
  });

  it('limits like the ECS agent: burst 15, then 429, then 10 per second', async () => {
    const mock = createMockAws();
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) statuses.push((await mock.handle(req('GET', PATH, AUTH, '', `c${i}`))).status);
    expect(statuses.slice(0, 15).every((s) => s === 200)).toBe(true);
    expect(statuses[15]).toBe(429);
    mock.clock.advance(1000);
    const after: number[] = [];
    for (let i = 0; i < 11; i++) after.push((await mock.handle(req('GET', PATH, AUTH))).status);
    expect(after.filter((s) => s === 200)).toHaveLength(10);
    expect(after[10]).toBe(429);
    expect(mock.journal().at(-1)).toMatchObject({ service: 'container', status: 429, code: 'TooManyRequests', fault: 'throttle' });
  });
});

describe('throttles', () => {
  it('gives each IMDS client its own bucket (256 rps, burst 256 by default) answering 429', async () => {
    const mock = createMockAws({ instance: { httpTokens: 'optional' } });
    const get = (client: string): Promise<number> => mock.handle(req('GET', '/latest/meta-data/instance-id', {}, '', client)).then((r) => r.status);
    for (let i = 0; i < 256; i++) expect(await get('a')).toBe(200);
    expect(await get('a')).toBe(429);
    expect(await get('b')).toBe(200);
    mock.clock.advance(4); // one token back at 256 rps (1.024 of them)
    expect(await get('a')).toBe(200);
    expect(await get('a')).toBe(429);
  });

  it('answers STS throttling as 400 Throttling "Rate exceeded" XML', async () => {
    const mock = createMockAws({ faults: { throttle: { sts: { rps: 1, burst: 1, per: 'service' } } } });
    const body = 'Action=GetCallerIdentity&Version=2011-06-15';
    const first = await mock.handle(req('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, body, 'x'));
    expect(first.status).not.toBe(400);
    const second = await mock.handle(req('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, body, 'y'));
    expect(second.status).toBe(400);
    expect(text(second)).toContain('<Code>Throttling</Code><Message>Rate exceeded</Message>');
    expect(second.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(mock.journal().at(-1)).toMatchObject({ service: 'sts', action: 'GetCallerIdentity', status: 400, code: 'Throttling' });
  });

  it('charges rejected requests rejectCost, so a retry storm delays recovery', async () => {
    const afterStorm = async (rejectCost: number, waitMs: number): Promise<number> => {
      const mock = createMockAws({ instance: { httpTokens: 'optional' }, faults: { throttle: { imds: { rps: 10, burst: 2, per: 'service', rejectCost } } } });
      const get = (): Promise<number> => mock.handle(req('GET', '/latest/meta-data/instance-id')).then((r) => r.status);
      await get();
      await get(); // the bucket is empty
      for (let i = 0; i < 5; i++) expect(await get()).toBe(429); // the storm
      mock.clock.advance(waitMs);
      return get();
    };
    // Without a charge one token is back after 100 ms at 10 rps.
    expect(await afterStorm(0, 100)).toBe(200);
    // Charged, the storm drove the bucket to minus one burst: it takes 300 ms to get a token.
    expect(await afterStorm(1, 100)).toBe(429);
    expect(await afterStorm(1, 290)).toBe(429);
    expect(await afterStorm(1, 300)).toBe(200);
  });

  it('switches a throttle off with null, and a plan that leaves a service out keeps its configured bucket', async () => {
    const mock = createMockAws({ instance: { httpTokens: 'optional' }, faults: { throttle: { imds: null } } });
    for (let i = 0; i < 50; i++) expect((await mock.handle(req('GET', '/latest/meta-data/instance-id'))).status).toBe(200);
    mock.setFaults({ throttle: { sts: { rps: 1, burst: 1, per: 'client' } } });
    for (let i = 0; i < 50; i++) expect((await mock.handle(req('GET', '/latest/meta-data/instance-id'))).status).toBe(200);
    mock.setFaults({ throttle: { imds: { rps: 1, burst: 2, per: 'client' } } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await mock.handle(req('GET', '/latest/meta-data/instance-id'))).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('refills on the real clock in clockMode real', async () => {
    let realMs = Date.UTC(2026, 10, 28, 3);
    const mock = createMockAws({ instance: { httpTokens: 'optional' }, faults: { throttle: { imds: { rps: 1, burst: 1, per: 'service' } } } }, { clockMode: 'real', now: () => realMs });
    const get = (): Promise<number> => mock.handle(req('GET', '/latest/meta-data/instance-id')).then((r) => r.status);
    expect(await get()).toBe(200);
    expect(await get()).toBe(429);
    realMs += 1000;
    expect(await get()).toBe(200);
    expect(mock.clock.now()).toBe(realMs);
    mock.clock.advance(5000);
    expect(mock.clock.now()).toBe(realMs + 5000);
  });

  it('does not throttle the token holder differently from v1 callers: one bucket per client', async () => {
    const mock = createMockAws({ faults: { throttle: { imds: { rps: 1, burst: 2, per: 'client' } } } });
    const tok = await token(mock, 60, 'a'); // 1 of 2
    expect((await mock.handle(req('GET', '/latest/meta-data/instance-id', { 'x-aws-ec2-metadata-token': tok }, '', 'a'))).status).toBe(200);
    expect((await mock.handle(req('GET', '/latest/meta-data/instance-id', { 'x-aws-ec2-metadata-token': tok }, '', 'a'))).status).toBe(429);
  });
});
