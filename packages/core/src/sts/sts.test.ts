import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AwsClient, AwsRequest } from '../http/createSignedClient.js';
import { encodeStsForm } from './callSts.js';
import { getCallerIdentity } from './getCallerIdentity.js';
import { assumeRole } from './assumeRole.js';
import { assumeRoleWithWebIdentity } from './assumeRoleWithWebIdentity.js';
import { getSessionToken } from './getSessionToken.js';
import { InvalidOptionError, ResponseParseError } from '../errors.js';

const NS = 'xmlns="https://sts.amazonaws.com/doc/2011-06-15/"';
const CREDS = `<Credentials><AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId><SecretAccessKey>secret-example</SecretAccessKey><SessionToken>token-example</SessionToken><Expiration>2026-11-28T02:28:37Z</Expiration></Credentials>`;
const ROLE_USER = '<AssumedRoleUser><AssumedRoleId>AROAEXAMPLEID:build</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/Deploy/build</Arn></AssumedRoleUser>';
const wrap = (action: string, inner: string): string =>
  `<?xml version="1.0"?><${action}Response ${NS}><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></${action}Response>`;

/** A client that answers every request with `body` and records what it was asked. */
function fakeClient(body: string): { client: AwsClient; sent: AwsRequest[] } {
  const sent: AwsRequest[] = [];
  const client: AwsClient = {
    async send(request) {
      sent.push(request);
      return { statusCode: 200, headers: {}, body, $metadata: { httpStatusCode: 200, requestId: 'r-1', attempts: 1, totalRetryDelayMs: 0 } };
    },
    region: async () => ({ value: 'us-east-1', source: 'default', trace: [] }),
    endpoint: async () => ({ url: new URL('https://sts.us-east-1.amazonaws.com/'), signingRegion: 'us-east-1', source: 'regional' }),
    close: async () => undefined,
  };
  return { client, sent };
}

const form = (request: AwsRequest | undefined): Record<string, string> => Object.fromEntries(new URLSearchParams(request?.body ?? ''));

describe('encodeStsForm', () => {
  it('round-trips any values through form decoding, Action and Version first', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }).filter((k) => k !== 'Action' && k !== 'Version'), fc.string()), (params) => {
        const decoded = [...new URLSearchParams(encodeStsForm('AssumeRole', params))];
        expect(decoded.slice(0, 2)).toEqual([['Action', 'AssumeRole'], ['Version', '2011-06-15']]);
        expect(Object.fromEntries(decoded.slice(2))).toEqual(params);
      }),
    );
  });

  it("encodes as RFC 3986 (!'()* too) and leaves undefined out", () => {
    expect(encodeStsForm('X', { Policy: "{'a': (1)}*!", Skip: undefined })).toBe('Action=X&Version=2011-06-15&Policy=%7B%27a%27%3A%20%281%29%7D%2A%21');
  });
});

describe('getCallerIdentity', () => {
  it('posts the action and reads the identity as text (account ids keep leading zeros)', async () => {
    const { client, sent } = fakeClient(wrap('GetCallerIdentity', '<Arn>arn:aws:iam::012345678901:user/alice</Arn><UserId>AIDAEXAMPLE</UserId><Account>012345678901</Account>'));
    const out = await getCallerIdentity(client);
    expect(out).toMatchObject({ Account: '012345678901', Arn: 'arn:aws:iam::012345678901:user/alice', UserId: 'AIDAEXAMPLE' });
    expect(out.$metadata.requestId).toBe('r-1');
    expect(sent[0]).toMatchObject({ service: 'sts', action: 'GetCallerIdentity' });
    expect(sent[0]?.signed).toBeUndefined();
    expect(form(sent[0])).toEqual({ Action: 'GetCallerIdentity', Version: '2011-06-15' });
  });

  it('fails with ResponseParseError on a body that is not its response', async () => {
    const error = await getCallerIdentity(fakeClient('<html>captive portal</html>').client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error).toMatchObject({ code: 'ERR_ROLECALL_RESPONSE_PARSE', action: 'GetCallerIdentity' });
    const missing = await getCallerIdentity(fakeClient(wrap('GetCallerIdentity', '<Arn>a</Arn>')).client).catch((e: unknown) => e);
    expect((missing as Error).message).toContain('Account is missing');
  });
});

describe('a success answer parsed without the validator (decision 0124)', () => {
  const whole = wrap('GetCallerIdentity', '<Arn>arn:aws:iam::012345678901:user/alice</Arn><UserId>AIDAEXAMPLE</UserId><Account>012345678901</Account>');

  it('regression: every body cut short is a ResponseParseError, never a partial identity', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: whole.length - 1 }), async (cut) => {
        const error = await getCallerIdentity(fakeClient(whole.slice(0, cut)).client).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ResponseParseError);
        expect(error).toMatchObject({ code: 'ERR_ROLECALL_RESPONSE_PARSE', action: 'GetCallerIdentity' });
      }),
      { numRuns: 300 },
    );
  });

  it('takes trailing whitespace and a namespace prefix on the root', async () => {
    expect((await getCallerIdentity(fakeClient(`${whole}\r\n  `).client)).Account).toBe('012345678901');
    const prefixed = whole.replace('<GetCallerIdentityResponse ', '<sts:GetCallerIdentityResponse xmlns:sts="https://sts.amazonaws.com/doc/2011-06-15/" ').replace('</GetCallerIdentityResponse>', '</sts:GetCallerIdentityResponse>');
    expect((await getCallerIdentity(fakeClient(prefixed).client)).Arn).toBe('arn:aws:iam::012345678901:user/alice');
  });
});

describe('assumeRole', () => {
  it('flattens lists, converts credentials and takes the account from the ARN', async () => {
    const { client, sent } = fakeClient(wrap('AssumeRole', `${CREDS}${ROLE_USER}<PackedPolicySize>6</PackedPolicySize>`));
    const out = await assumeRole(client, {
      RoleArn: 'arn:aws:iam::123456789012:role/Deploy',
      RoleSessionName: 'build',
      DurationSeconds: 900,
      ExternalId: 'ext',
      PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      Tags: [{ Key: 'team', Value: 'core' }],
    });
    expect(form(sent[0])).toEqual({
      Action: 'AssumeRole',
      Version: '2011-06-15',
      RoleArn: 'arn:aws:iam::123456789012:role/Deploy',
      RoleSessionName: 'build',
      DurationSeconds: '900',
      ExternalId: 'ext',
      'PolicyArns.member.1.arn': 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'Tags.member.1.Key': 'team',
      'Tags.member.1.Value': 'core',
    });
    expect(out.Credentials).toEqual({
      accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'secret-example',
      sessionToken: 'token-example',
      expiration: new Date('2026-11-28T02:28:37Z'),
      source: 'assume-role',
      accountId: '123456789012',
    });
    expect(out.AssumedRoleUser).toEqual({ AssumedRoleId: 'AROAEXAMPLEID:build', Arn: 'arn:aws:sts::123456789012:assumed-role/Deploy/build' });
    expect(out.PackedPolicySize).toBe(6);
  });

  it('checks its input before anything is sent', async () => {
    const { client, sent } = fakeClient('');
    await expect(assumeRole(client, { RoleArn: '', RoleSessionName: 's' })).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(assumeRole(client, { RoleArn: 'arn', RoleSessionName: 's', DurationSeconds: 1.5 })).rejects.toThrow(/whole number/);
    expect(sent).toHaveLength(0);
  });

  it('rejects credentials with a member missing, without echoing the secret', async () => {
    const broken = CREDS.replace('<SessionToken>token-example</SessionToken>', '');
    const error = await assumeRole(fakeClient(wrap('AssumeRole', `${broken}${ROLE_USER}`)).client, { RoleArn: 'arn', RoleSessionName: 's' }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('Credentials/SessionToken is missing');
    expect((error as Error).message).not.toContain('secret-example');
  });
});

describe('assumeRoleWithWebIdentity', () => {
  it('is sent unsigned and returns web-identity credentials', async () => {
    const { client, sent } = fakeClient(wrap('AssumeRoleWithWebIdentity', `${CREDS}${ROLE_USER}<Provider>accounts.example.com</Provider><Audience>sts</Audience><SubjectFromWebIdentityToken>sub-1</SubjectFromWebIdentityToken>`));
    const out = await assumeRoleWithWebIdentity(client, { RoleArn: 'arn:aws:iam::123456789012:role/Deploy', RoleSessionName: 'ci', WebIdentityToken: 'eyJ.token' });
    expect(sent[0]?.signed).toBe(false);
    expect(form(sent[0])['WebIdentityToken']).toBe('eyJ.token');
    expect(out.Credentials.source).toBe('web-identity');
    expect(out).toMatchObject({ Provider: 'accounts.example.com', Audience: 'sts', SubjectFromWebIdentityToken: 'sub-1' });
  });

  it('refuses an empty token', async () => {
    await expect(assumeRoleWithWebIdentity(fakeClient('').client, { RoleArn: 'a', RoleSessionName: 'b', WebIdentityToken: ' ' })).rejects.toThrow(/token file empty/);
  });
});

describe('getSessionToken', () => {
  it('returns credentials without a source', async () => {
    const { client, sent } = fakeClient(wrap('GetSessionToken', CREDS));
    const out = await getSessionToken(client, { DurationSeconds: 3600 });
    expect(form(sent[0])).toEqual({ Action: 'GetSessionToken', Version: '2011-06-15', DurationSeconds: '3600' });
    expect(out.Credentials.expiration?.toISOString()).toBe('2026-11-28T02:28:37.000Z');
    expect(out.Credentials.source).toBeUndefined();
  });
});
