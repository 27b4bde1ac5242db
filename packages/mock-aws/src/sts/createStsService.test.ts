import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { MockRequest } from '../domain/MockRequest.js';
import { createStsService } from './createStsService.js';
import { makeWebIdentityToken } from './makeWebIdentityToken.js';
import { stsRoleId } from './principalIds.js';
import { TEST_ACCOUNT, TEST_OTHER_USER, TEST_START_MS, TEST_USER, createTestStsContext, plainRequest, signedRequest } from './testContext.js';

const xml = new XMLParser({ parseTagValue: false });
const V = 'Version=2011-06-15';

type Key = { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined };

function setup(overrides: Parameters<typeof createTestStsContext>[0] = {}) {
  const test = createTestStsContext(overrides);
  const sts = createStsService(test.ctx);
  const send = async (request: MockRequest) => {
    const result = await sts.handle(request);
    const body = typeof result.response.body === 'string' ? result.response.body : new TextDecoder().decode(result.response.body);
    return { ...result, status: result.response.status, body, doc: xml.parse(body) as Record<string, any> };
  };
  const call = async (key: Key, form: string, signedAtMs?: number) =>
    send(await signedRequest({ key, body: form, ...(signedAtMs === undefined ? {} : { signedAtMs: signedAtMs }) }));
  return { ...test, sts, send, call };
}

function errorOf(doc: Record<string, any>): { Type: string; Code: string; Message: string } {
  return doc.ErrorResponse.Error;
}

describe('createStsService', () => {
  describe('GetCallerIdentity', () => {
    it('reports a configured user by its user ARN and AIDA id', async () => {
      const { call } = setup();
      const r = await call(TEST_USER, `Action=GetCallerIdentity&${V}`);
      expect(r.status).toBe(200);
      const result = r.doc.GetCallerIdentityResponse.GetCallerIdentityResult;
      expect(result.Arn).toBe(`arn:aws:iam::${TEST_ACCOUNT}:user/alice`);
      expect(result.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
      expect(result.Account).toBe(TEST_ACCOUNT);
      expect(r.action).toBe('GetCallerIdentity');
      expect(r.code).toBeNull();
      expect(r.accessKeyId).toBe(TEST_USER.accessKeyId);
    });

    it('tells the journal which region a request was signed for, refused or not', async () => {
      const { send } = setup();
      const ok = await send(await signedRequest({ key: TEST_USER, body: `Action=GetCallerIdentity&${V}`, region: 'eu-west-1' }));
      expect([ok.status, ok.region]).toEqual([200, 'eu-west-1']);
      const refused = await send(await signedRequest({ key: { ...TEST_USER, secretAccessKey: 'wrongFAKEsecret' }, body: `Action=GetCallerIdentity&${V}`, region: 'ap-south-1' }));
      expect([refused.code, refused.region]).toEqual(['SignatureDoesNotMatch', 'ap-south-1']);
    });

    it('reports instance role credentials as assumed-role/ROLE/i-...', async () => {
      const { call, instanceRoleKey } = setup();
      const key = instanceRoleKey();
      const r = await call(key, `Action=GetCallerIdentity&${V}`);
      const result = r.doc.GetCallerIdentityResponse.GetCallerIdentityResult;
      expect(result.Arn).toBe(`arn:aws:sts::${TEST_ACCOUNT}:assumed-role/app/i-0123456789abcdef0`);
      expect(result.UserId).toBe('AROAEXAMPLEROLEID0001:i-0123456789abcdef0');
    });

    it('answers in the STS namespace with a request id in the header and the body', async () => {
      const { call } = setup();
      const r = await call(TEST_USER, `Action=GetCallerIdentity&${V}`);
      expect(r.response.headers['content-type']).toBe('text/xml');
      const id = r.response.headers['x-amzn-requestid'];
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(r.doc.GetCallerIdentityResponse.ResponseMetadata.RequestId).toBe(id);
      expect(r.body).toContain('xmlns="https://sts.amazonaws.com/doc/2011-06-15/"');
      expect(r.response.headers.date).toBe(new Date(TEST_START_MS).toUTCString());
    });

    it('draws the same request ids under the same seed', async () => {
      const ids = async () => {
        const { call } = setup();
        return [(await call(TEST_USER, `Action=GetCallerIdentity&${V}`)).response.headers['x-amzn-requestid'], (await call(TEST_USER, `Action=Nope&${V}`)).response.headers['x-amzn-requestid']];
      };
      expect(await ids()).toEqual(await ids());
    });

    it('accepts GET with the parameters in the query string', async () => {
      const { send, ctx } = setup({ verifySignatures: false });
      const req = await signedRequest({ key: TEST_USER, body: '' });
      const r = await send({ ...req, method: 'GET', path: `/?Action=GetCallerIdentity&${V}`, body: new Uint8Array() });
      expect(r.status).toBe(200);
      expect(ctx.config.verifySignatures).toBe(false);
    });
  });

  describe('AssumeRole', () => {
    const arn = (role: string) => `arn:aws:iam::${TEST_ACCOUNT}:role/${role}`;

    it('issues session credentials that then identify as the assumed role', async () => {
      const { call, keys } = setup();
      const r = await call(TEST_USER, `Action=AssumeRole&${V}&RoleArn=${encodeURIComponent(arn('Deploy'))}&RoleSessionName=build&DurationSeconds=1800`);
      expect(r.status).toBe(200);
      const result = r.doc.AssumeRoleResponse.AssumeRoleResult;
      expect(result.Credentials.AccessKeyId).toMatch(/^ASIA/);
      expect(result.Credentials.Expiration).toBe(new Date(TEST_START_MS + 1800_000).toISOString().replace('.000', ''));
      expect(result.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${TEST_ACCOUNT}:assumed-role/Deploy/build`);
      expect(result.AssumedRoleUser.AssumedRoleId).toBe(`${stsRoleId(TEST_ACCOUNT, 'Deploy')}:build`);
      const issued = keys.get(result.Credentials.AccessKeyId);
      expect(issued?.identity.kind).toBe('assumed-role');
      expect(issued?.identity.chained).toBeUndefined();
      expect(issued?.issuedBy).toBe('sts');

      const who = await call(
        { accessKeyId: result.Credentials.AccessKeyId, secretAccessKey: result.Credentials.SecretAccessKey, sessionToken: result.Credentials.SessionToken },
        `Action=GetCallerIdentity&${V}`,
      );
      expect(who.doc.GetCallerIdentityResponse.GetCallerIdentityResult.Arn).toBe(`arn:aws:sts::${TEST_ACCOUNT}:assumed-role/Deploy/build`);
    });

    it('refuses a caller the role does not trust with the real AccessDenied message', async () => {
      const { call } = setup();
      const r = await call(TEST_OTHER_USER, `Action=AssumeRole&${V}&RoleArn=${arn('Deploy')}&RoleSessionName=x1`);
      expect(r.status).toBe(403);
      expect(errorOf(r.doc)).toEqual({
        Type: 'Sender',
        Code: 'AccessDenied',
        Message: `User: arn:aws:iam::${TEST_ACCOUNT}:user/mallory is not authorized to perform: sts:AssumeRole on resource: ${arn('Deploy')}`,
      });
    });

    it('answers an unknown role or another account exactly like an untrusted caller', async () => {
      const { call } = setup();
      for (const roleArn of [arn('Nope'), 'arn:aws:iam::210987654321:role/Deploy']) {
        const r = await call(TEST_USER, `Action=AssumeRole&${V}&RoleArn=${roleArn}&RoleSessionName=x1`);
        expect(r.status).toBe(403);
        expect(errorOf(r.doc).Message).toBe(`User: arn:aws:iam::${TEST_ACCOUNT}:user/alice is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
      }
    });

    it('matches a role session against the role ARN form, and caps the chained session at one hour', async () => {
      const { call, instanceRoleKey, keys } = setup();
      const key = instanceRoleKey();
      const tooLong = await call(key, `Action=AssumeRole&${V}&RoleArn=${arn('Deploy')}&RoleSessionName=hop&DurationSeconds=3601`);
      expect(tooLong.status).toBe(400);
      expect(errorOf(tooLong.doc)).toMatchObject({ Code: 'ValidationError', Message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.' });
      const ok = await call(key, `Action=AssumeRole&${V}&RoleArn=${arn('Deploy')}&RoleSessionName=hop`);
      expect(ok.status).toBe(200);
      expect(keys.get(ok.doc.AssumeRoleResponse.AssumeRoleResult.Credentials.AccessKeyId)?.identity.chained).toBe(true);
    });

    it('applies the role maximum and the 900..43200 bounds with AWS messages', async () => {
      const { call } = setup();
      const base = `Action=AssumeRole&${V}&RoleArn=${arn('Deploy')}&RoleSessionName=build`;
      const overRole = await call(TEST_USER, `${base}&DurationSeconds=7201`);
      expect(errorOf(overRole.doc)).toMatchObject({ Code: 'ValidationError', Message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.' });
      const low = await call(TEST_USER, `${base}&DurationSeconds=899`);
      expect(errorOf(low.doc).Message).toBe("1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
      const high = await call(TEST_USER, `${base}&DurationSeconds=43201`);
      expect(errorOf(high.doc).Message).toContain('Member must have value less than or equal to 43200');
      expect([overRole.status, low.status, high.status]).toEqual([400, 400, 400]);
    });

    it('collects every invalid parameter into one ValidationError', async () => {
      const { call } = setup();
      const r = await call(TEST_USER, `Action=AssumeRole&${V}&RoleSessionName=a%20b`);
      expect(r.status).toBe(400);
      expect(errorOf(r.doc).Message).toBe(
        "2 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null; " +
          "Value 'a b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
      );
    });

    it('checks session name length, role ARN shape and the session policy', async () => {
      const { call } = setup();
      const short = await call(TEST_USER, `Action=AssumeRole&${V}&RoleArn=${arn('Deploy')}&RoleSessionName=a`);
      expect(errorOf(short.doc).Message).toContain('Member must have length greater than or equal to 2');
      const notArn = await call(TEST_USER, `Action=AssumeRole&${V}&RoleArn=arn:aws:s3:::some-bucket-name&RoleSessionName=ab`);
      expect(errorOf(notArn.doc)).toMatchObject({ Code: 'ValidationError', Message: 'arn:aws:s3:::some-bucket-name is not a valid role ARN: expected arn:aws:iam::ACCOUNT:role/NAME' });
      const badPolicy = await call(TEST_USER, `Action=AssumeRole&${V}&RoleArn=${arn('Deploy')}&RoleSessionName=ab&Policy=%7Bnope`);
      expect(errorOf(badPolicy.doc).Code).toBe('MalformedPolicyDocument');
      const policy = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }));
      const packed = await call(TEST_USER, `Action=AssumeRole&${V}&RoleArn=${arn('Deploy')}&RoleSessionName=ab&Policy=${policy}`);
      expect(Number(packed.doc.AssumeRoleResponse.AssumeRoleResult.PackedPolicySize)).toBeGreaterThan(0);
    });
  });

  describe('AssumeRole options', () => {
    it('echoes SourceIdentity and validates ExternalId', async () => {
      const { call } = setup();
      const base = `Action=AssumeRole&${V}&RoleArn=arn:aws:iam::${TEST_ACCOUNT}:role/Deploy&RoleSessionName=build`;
      const ok = await call(TEST_USER, `${base}&SourceIdentity=alice%40example.test&ExternalId=ext-42`);
      expect(ok.doc.AssumeRoleResponse.AssumeRoleResult.SourceIdentity).toBe('alice@example.test');
      const bad = await call(TEST_USER, `${base}&SourceIdentity=a&ExternalId=has%20space`);
      expect(errorOf(bad.doc).Message).toMatch(/^2 validation errors detected: Value 'a' at 'sourceIdentity'.*; Value 'has space' at 'externalId'/);
    });
  });

  describe('AssumeRoleWithWebIdentity', () => {
    const ci = `arn:aws:iam::${TEST_ACCOUNT}:role/ci`;
    const token = (expiresAtMs: number) => makeWebIdentityToken({ sub: 'repo:octo/app:ref:refs/heads/main', iss: 'https://token.actions.example.test', aud: 'sts.amazonaws.com', expiresAtMs });

    it('needs no signature and returns subject, provider and audience', async () => {
      const { send, keys } = setup();
      const r = await send(plainRequest(`Action=AssumeRoleWithWebIdentity&${V}&RoleArn=${ci}&RoleSessionName=gha&WebIdentityToken=${token(TEST_START_MS + 600_000)}`));
      expect(r.status).toBe(200);
      const result = r.doc.AssumeRoleWithWebIdentityResponse.AssumeRoleWithWebIdentityResult;
      expect(result.SubjectFromWebIdentityToken).toBe('repo:octo/app:ref:refs/heads/main');
      expect(result.Provider).toBe('https://token.actions.example.test');
      expect(result.Audience).toBe('sts.amazonaws.com');
      expect(result.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${TEST_ACCOUNT}:assumed-role/ci/gha`);
      expect(keys.get(result.Credentials.AccessKeyId)?.identity.kind).toBe('web-identity');
    });

    it('rejects a token expired on the virtual clock', async () => {
      const { send, advance } = setup();
      const t = token(TEST_START_MS + 60_000);
      advance(60_000);
      const r = await send(plainRequest(`Action=AssumeRoleWithWebIdentity&${V}&RoleArn=${ci}&RoleSessionName=gha&WebIdentityToken=${t}`));
      expect(r.status).toBe(400);
      const nowS = (TEST_START_MS + 60_000) / 1000;
      expect(errorOf(r.doc)).toMatchObject({ Code: 'ExpiredTokenException', Message: `Token expired: current date/time ${nowS} must be before the expiration date/time ${nowS}` });
    });

    it('rejects a malformed token without echoing it', async () => {
      const { send } = setup();
      const r = await send(plainRequest(`Action=AssumeRoleWithWebIdentity&${V}&RoleArn=${ci}&RoleSessionName=gha&WebIdentityToken=not-a-jwt-secretish`));
      expect(r.status).toBe(400);
      expect(errorOf(r.doc).Code).toBe('InvalidIdentityToken');
      expect(r.body).not.toContain('secretish');
      const noSub = Buffer.from(JSON.stringify({ iss: 'x', aud: 'y', exp: 9e9 })).toString('base64url');
      const r2 = await send(plainRequest(`Action=AssumeRoleWithWebIdentity&${V}&RoleArn=${ci}&RoleSessionName=gha&WebIdentityToken=e30.${noSub}.c2ln`));
      expect(errorOf(r2.doc)).toMatchObject({ Code: 'InvalidIdentityToken', Message: 'Missing a required claim: sub' });
    });

    it('refuses a role that does not allow web identity', async () => {
      const { send } = setup();
      const r = await send(plainRequest(`Action=AssumeRoleWithWebIdentity&${V}&RoleArn=arn:aws:iam::${TEST_ACCOUNT}:role/Deploy&RoleSessionName=gha&WebIdentityToken=${token(TEST_START_MS + 600_000)}`));
      expect(r.status).toBe(403);
      expect(errorOf(r.doc)).toMatchObject({ Code: 'AccessDenied', Message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity' });
    });
  });

  describe('GetSessionToken', () => {
    it('gives a user 12 h session credentials by default that still identify as the user', async () => {
      const { call, keys } = setup();
      const r = await call(TEST_USER, `Action=GetSessionToken&${V}`);
      expect(r.status).toBe(200);
      const creds = r.doc.GetSessionTokenResponse.GetSessionTokenResult.Credentials;
      expect(keys.get(creds.AccessKeyId)?.expiresAtMs).toBe(TEST_START_MS + 43_200_000);
      const who = await call({ accessKeyId: creds.AccessKeyId, secretAccessKey: creds.SecretAccessKey, sessionToken: creds.SessionToken }, `Action=GetCallerIdentity&${V}`);
      expect(who.doc.GetCallerIdentityResponse.GetCallerIdentityResult.Arn).toBe(`arn:aws:iam::${TEST_ACCOUNT}:user/alice`);
    });

    it('refuses session credentials and out-of-range durations', async () => {
      const { call, instanceRoleKey } = setup();
      const session = await call(instanceRoleKey(), `Action=GetSessionToken&${V}`);
      expect(session.status).toBe(403);
      expect(errorOf(session.doc)).toMatchObject({ Code: 'AccessDenied', Message: 'Cannot call GetSessionToken with session credentials' });
      const long = await call(TEST_USER, `Action=GetSessionToken&${V}&DurationSeconds=129601`);
      expect(errorOf(long.doc).Message).toContain('Member must have value less than or equal to 129600');
    });
  });

  describe('internal failures', () => {
    it('answers 500 InternalFailure instead of throwing when the key store fails', async () => {
      const test = createTestStsContext();
      const sts = createStsService({ ...test.ctx, keys: { ...test.keys, issue: () => { throw new Error('disk full'); } } });
      const result = await sts.handle(await signedRequest({ key: TEST_USER, body: `Action=GetSessionToken&${V}` }));
      expect([result.response.status, result.code, result.action]).toEqual([500, 'InternalFailure', 'GetSessionToken']);
      expect(String(result.response.body)).toContain('<Type>Receiver</Type>');
      expect(String(result.response.body)).not.toContain('disk full');
    });
  });

  describe('bad requests', () => {
    const cases: [string, MockRequest, number, string][] = [
      ['unknown action', plainRequest(`Action=GetFoo&${V}`), 400, 'InvalidAction'],
      ['no Version', plainRequest('Action=GetCallerIdentity'), 400, 'InvalidAction'],
      ['no Action', plainRequest(V), 400, 'MissingAction'],
      ['bad percent-encoding', plainRequest(`Action=GetCallerIdentity&${V}&X=%zz`), 400, 'MalformedQueryString'],
      ['percent-encoded bytes that are not UTF-8', plainRequest(`Action=GetCallerIdentity&${V}&X=%C3%28`), 400, 'MalformedQueryString'],
      ['a JSON body', plainRequest('{"Action":"GetCallerIdentity"}', { headers: { 'content-type': 'application/json' } }), 400, 'InvalidParameterValue'],
      ['PUT', plainRequest(`Action=GetCallerIdentity&${V}`, { method: 'PUT' }), 405, 'MethodNotAllowed'],
      ['a body over 128 KiB', plainRequest(`Action=GetCallerIdentity&${V}&P=${'a'.repeat(128 * 1024)}`), 413, 'RequestEntityTooLarge'],
      ['no Authorization', plainRequest(`Action=GetCallerIdentity&${V}`), 403, 'MissingAuthenticationToken'],
    ];
    it.each(cases)('%s', async (_name, request, status, code) => {
      const { send } = setup();
      const r = await send(request);
      expect(r.status).toBe(status);
      expect(r.code).toBe(code);
      expect(errorOf(r.doc).Code).toBe(code);
      expect(r.response.headers['x-amzn-requestid']).toBe(r.doc.ErrorResponse.RequestId);
    });

    it('words unknown actions and versions like STS', async () => {
      const { send } = setup();
      expect(errorOf((await send(plainRequest(`Action=GetFoo&${V}`))).doc).Message).toBe('Could not find operation GetFoo for version 2011-06-15');
      expect(errorOf((await send(plainRequest('Action=GetCallerIdentity'))).doc).Message).toBe('Could not find operation GetCallerIdentity for version NO_VERSION_SPECIFIED');
      expect(errorOf((await send(plainRequest('Action=GetCallerIdentity&Version=2010-01-01'))).doc).Message).toBe('Could not find operation GetCallerIdentity for version 2010-01-01');
    });

    it('offers Allow on a 405 and keeps echoed values valid XML', async () => {
      const { send } = setup();
      const put = await send(plainRequest('', { method: 'PUT' }));
      expect(put.response.headers.allow).toBe('GET, POST');
      const weird = await send(plainRequest(`Action=GetFoo&Version=%00%3C%2F${'x'.repeat(300)}`));
      expect(weird.body).not.toContain('\u0000');
      expect(errorOf(weird.doc).Message).toContain('\ufffd</x');
    });
  });
});
