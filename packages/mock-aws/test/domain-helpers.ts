import type { MockAws, MockRequest, MockResponse } from '../src/index.js';

/** A neutral request as a front would build it. */
export function req(method: string, path: string, headers: Record<string, string> = {}, body: string | Uint8Array = '', client = 'app'): MockRequest {
  return {
    method,
    path,
    headers,
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
    client,
    host: '169.254.169.254',
  };
}

/** The body as text. */
export function text(response: MockResponse): string {
  return typeof response.body === 'string' ? response.body : Buffer.from(response.body).toString('utf8');
}

/** Gets an IMDSv2 token from the mock. */
export async function token(mock: MockAws, ttl = 21_600, client = 'app'): Promise<string> {
  const res = await mock.handle(req('PUT', '/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': String(ttl) }, '', client));
  if (res.status !== 200) throw new Error(`token PUT answered ${res.status}`);
  return text(res);
}

/** GET with an IMDSv2 token. */
export function getV2(mock: MockAws, path: string, tok: string, client = 'app'): Promise<MockResponse> {
  return mock.handle(req('GET', path, { 'x-aws-ec2-metadata-token': tok }, '', client));
}

export const ROLE_PATH = '/latest/meta-data/iam/security-credentials/rolecall-app-role';

/** Parses the IMDS credentials JSON. */
export function creds(response: MockResponse): { AccessKeyId: string; SecretAccessKey: string; Token: string; Expiration: string; LastUpdated: string; Code: string } {
  return JSON.parse(text(response)) as never;
}

/** POSTs a JSON body to the control API. */
export function control(mock: MockAws, method: string, route: string, body?: unknown): Promise<MockResponse> {
  return mock.handle(req(method, `/_mock/${route}`, { 'content-type': 'application/json' }, body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body)));
}

/** An STS POST signed with @smithy/signature-v4 at the mock's current time. */
export async function signedSts(mock: MockAws, body: string, key: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined }, client = 'app'): Promise<MockRequest> {
  const { SignatureV4 } = await import('@smithy/signature-v4');
  const { Hash } = await import('@smithy/hash-node');
  const host = 'sts.us-east-1.amazonaws.com';
  const credentials = key.sessionToken === undefined ? { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey } : { ...key, sessionToken: key.sessionToken };
  const signer = new SignatureV4({ credentials, region: 'us-east-1', service: 'sts', sha256: Hash.bind(null, 'sha256') });
  const request = { method: 'POST', protocol: 'https:', hostname: host, path: '/', headers: { host, 'content-type': 'application/x-www-form-urlencoded' }, body };
  const out = await signer.sign(request, { signingDate: new Date(mock.clock.now()) });
  const headers = Object.fromEntries(Object.entries(out.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { ...req('POST', '/', headers, body, client), host };
}
