import { describe, expect, it } from 'vitest';
import { createMockAws } from '../src/index.js';
import { ROLE_PATH, control, creds, getV2, req, signedSts, text, token } from './domain-helpers.js';

const ALICE = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

describe('journal', () => {
  it('records every request with seq, t, service, action, client, status, code, fault, method, path', async () => {
    const mock = createMockAws();
    await mock.handle(req('GET', '/latest/meta-data/instance-id', {}, '', 'app-1'));
    mock.clock.advance(1500);
    await token(mock, 60, 'app-2');
    expect(mock.journal()).toEqual([
      { seq: 1, t: '2026-11-28T00:00:00.000Z', service: 'imds', action: 'metadata', client: 'app-1', status: 401, code: 'Unauthorized', fault: null, method: 'GET', path: '/latest/meta-data/instance-id' },
      { seq: 2, t: '2026-11-28T00:00:01.500Z', service: 'imds', action: 'token', client: 'app-2', status: 200, code: null, fault: null, method: 'PUT', path: '/latest/api/token' },
    ]);
  });

  it('masks access keys to their last four characters and never holds a secret, a session token or an IMDS token', async () => {
    const mock = createMockAws({ instance: { httpTokens: 'optional' } });
    const tok = await token(mock);
    const v2 = creds(await getV2(mock, ROLE_PATH, tok));
    creds(await mock.handle(req('GET', ROLE_PATH)));
    await getV2(mock, '/latest/meta-data/identity-credentials/ec2/security-credentials/ec2-instance', tok);
    await mock.handle(req('GET', '/v2/credentials/rolecall-task', { authorization: 'rolecall-container-token' }));
    expect((await mock.handle(await signedSts(mock, 'Action=GetCallerIdentity&Version=2011-06-15', ALICE))).status).toBe(200);
    const assumed = await mock.handle(
      await signedSts(mock, 'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Frolecall-deploy&RoleSessionName=build', ALICE),
    );
    expect(assumed.status).toBe(200);
    const sessionKey = /<AccessKeyId>(\w+)<\/AccessKeyId>/.exec(text(assumed))?.[1] ?? '';
    const issued = mock.keys.get(sessionKey);
    expect(issued?.issuedBy).toBe('sts');
    const me = await mock.handle(await signedSts(mock, 'Action=GetCallerIdentity&Version=2011-06-15', { accessKeyId: sessionKey, secretAccessKey: issued?.secretAccessKey ?? '', sessionToken: issued?.sessionToken }));
    expect(text(me)).toContain('assumed-role/rolecall-deploy/build');
    expect((await mock.handle(await signedSts(mock, 'Action=GetCallerIdentity&Version=2011-06-15', { ...ALICE, secretAccessKey: 'wrong' }))).status).toBe(403);

    const journal = mock.journal();
    const published = text(await control(mock, 'GET', 'journal'));
    expect(JSON.parse(published)).toEqual(journal);
    const secrets = mock.keys.secrets();
    expect(secrets.length).toBeGreaterThanOrEqual(10);
    for (const secret of [...secrets, tok, 'rolecall-container-token']) expect(published).not.toContain(secret);
    for (const id of [v2.AccessKeyId, sessionKey, ALICE.accessKeyId]) expect(published).not.toContain(id);
    expect(journal.find((e) => e.action === 'credentials' && e.service === 'imds')?.accessKeyId).toBe(`****${v2.AccessKeyId.slice(-4)}`);
    expect(journal.filter((e) => e.service === 'sts').map((e) => [e.action, e.accessKeyId, e.code])).toEqual([
      ['GetCallerIdentity', '****MPLE', null],
      ['AssumeRole', '****MPLE', null],
      ['GetCallerIdentity', `****${sessionKey.slice(-4)}`, null],
      ['GetCallerIdentity', '****MPLE', 'SignatureDoesNotMatch'],
    ]);
  });

  it('keeps the newest journalLimit entries while seq keeps counting', async () => {
    const mock = createMockAws({}, { journalLimit: 3 });
    for (let i = 0; i < 5; i++) await mock.handle(req('GET', '/nope'));
    expect(mock.journal().map((e) => e.seq)).toEqual([3, 4, 5]);
  });
});

describe('control API', () => {
  it('is not journaled', async () => {
    const mock = createMockAws();
    await control(mock, 'GET', 'journal');
    await control(mock, 'GET', 'config');
    expect(mock.journal()).toEqual([]);
  });

  it('replaces the fault plan with POST /_mock/faults', async () => {
    const mock = createMockAws({ instance: { httpTokens: 'optional' } });
    const res = await control(mock, 'POST', 'faults', { seed: 1, rules: [{ service: 'imds', status: 500, times: 1 }] });
    expect(res.status).toBe(200);
    expect(JSON.parse(text(res))).toEqual({ ok: true, rules: 1 });
    expect((await mock.handle(req('GET', '/latest/meta-data/instance-id'))).status).toBe(500);
    expect(JSON.parse(text(await control(mock, 'GET', 'faults')))).toMatchObject({ seed: 1, rules: [{ service: 'imds', status: 500, times: 1 }] });
  });

  it('answers an invalid plan with 400 and a precise JSON error, keeping the old plan', async () => {
    const mock = createMockAws({ instance: { httpTokens: 'optional' } });
    const res = await control(mock, 'POST', 'faults', { rules: [{ service: 'imds', status: 500, probability: 2 }] });
    expect(res.status).toBe(400);
    expect(JSON.parse(text(res))).toEqual({ error: 'InvalidFaultPlan', message: 'rules[0].probability must be a number from 0 to 1, got 2', field: 'rules[0].probability' });
    expect((await mock.handle(req('GET', '/latest/meta-data/instance-id'))).status).toBe(200);
  });

  it.each([['{"rules": ['], [''], ['not json']])('answers bad JSON %j with 400 InvalidJson', async (body) => {
    const res = await control(createMockAws(), 'POST', 'faults', body);
    expect(res.status).toBe(400);
    const error = JSON.parse(text(res)) as { error: string; message: string };
    expect(error.error).toBe('InvalidJson');
    expect(error.message).toMatch(/^(the body of POST \/_mock\/faults is not usable JSON: |POST \/_mock\/faults needs a JSON body)/);
  });

  it('moves the clock with advanceMs or set, and refuses anything else', async () => {
    const mock = createMockAws();
    const advanced = await control(mock, 'POST', 'clock', { advanceMs: 90_000 });
    expect(JSON.parse(text(advanced))).toEqual({ now: '2026-11-28T00:01:30.000Z', mode: 'virtual' });
    await control(mock, 'POST', 'clock', { set: '2026-11-28T07:00:00Z' });
    expect(mock.clock.now()).toBe(Date.parse('2026-11-28T07:00:00Z'));
    expect(JSON.parse(text(await control(mock, 'GET', 'clock')))).toEqual({ now: '2026-11-28T07:00:00.000Z', mode: 'virtual' });
    for (const bad of [{ advanceMs: -1 }, { advanceMs: '5' }, { set: 'later' }, {}, { advanceMs: 1, set: '2026-11-28T00:00:00Z' }, [1]]) {
      const res = await control(mock, 'POST', 'clock', bad);
      expect(res.status).toBe(400);
      expect(JSON.parse(text(res))).toMatchObject({ error: 'InvalidClockChange' });
    }
    expect(mock.clock.now()).toBe(Date.parse('2026-11-28T07:00:00Z'));
  });

  it('starts a virtual clock at options.now() when given, and at config.startTime otherwise', () => {
    expect(createMockAws({}, { now: () => Date.UTC(2027, 0, 1) }).clock.now()).toBe(Date.UTC(2027, 0, 1));
    expect(createMockAws({ startTime: '2026-12-01T00:00:00Z' }).clock.now()).toBe(Date.UTC(2026, 11, 1));
  });

  it('resets to the configured state: journal emptied, clock back, tokens forgotten', async () => {
    const mock = createMockAws();
    const tok = await token(mock);
    mock.clock.advance(60_000);
    const res = await control(mock, 'POST', 'reset');
    expect(res.status).toBe(200);
    expect(mock.journal()).toEqual([]);
    expect(mock.clock.now()).toBe(Date.parse('2026-11-28T00:00:00Z'));
    expect((await getV2(mock, '/latest/meta-data/instance-id', tok)).status).toBe(401);
    expect(mock.journal().map((e) => e.seq)).toEqual([1]);
  });

  it('replays the same keys after a reset (seeded)', async () => {
    const mock = createMockAws();
    const first = creds(await getV2(mock, ROLE_PATH, await token(mock))).AccessKeyId;
    mock.reset();
    expect(creds(await getV2(mock, ROLE_PATH, await token(mock))).AccessKeyId).toBe(first);
  });

  it('shows the effective config with secrets redacted', async () => {
    const res = await control(createMockAws({ instance: { hopLimit: 3 } }), 'GET', 'config');
    const body = text(res);
    const config = JSON.parse(body) as { instance: { hopLimit: number }; users: { secretAccessKey: string; accessKeyId: string }[] };
    expect(config.instance.hopLimit).toBe(3);
    expect(config.users[0]?.secretAccessKey).toBe('<redacted>');
    expect(body).not.toContain('wJalrXUtnFEMI');
    expect(body).not.toContain('rolecall-container-token');
  });

  it('answers unknown routes with 404 and wrong methods with 405 and Allow', async () => {
    const mock = createMockAws();
    const unknown = await control(mock, 'GET', 'nope');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(text(unknown))).toMatchObject({ error: 'NotFound' });
    const wrong = await control(mock, 'DELETE', 'journal');
    expect(wrong.status).toBe(405);
    expect(wrong.headers['allow']).toBe('GET');
  });
});
