import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { SignatureV4, getCanonicalHeaders } from '@smithy/signature-v4';
import type { IssuedKey, KeyStore } from '../domain/KeyStore.js';
import type { MockRequest } from '../domain/MockRequest.js';
import { type StsError, echo, stsError } from './StsError.js';

/**
 * SigV4 verification for STS, independent of any client's signer: the
 * signature is recomputed with `@smithy/signature-v4` from the request's own
 * signed headers, credential scope (date, region, service) and body, against
 * the secret the mock holds for the access key, and compared in constant
 * time. Both forms are accepted: the `Authorization` header and a presigned
 * query string (`X-Amz-Signature`, as EKS tokens use). Decision 0021 records
 * the order of the checks and the error each one answers with.
 */

type HttpRequest = Parameters<SignatureV4['presign']>[0];
type HeaderBag = ReturnType<typeof getCanonicalHeaders>;

/**
 * The canonical request as `@smithy/signature-v4` builds it (path
 * normalization and escaping, query and header canonicalization), without
 * signing: the mock then hashes and signs it with a cached signing key.
 */
class CanonicalRequests extends SignatureV4 {
  constructor() {
    // Credentials and region are not used to build a canonical request.
    super({ credentials: { accessKeyId: '', secretAccessKey: '' }, region: 'us-east-1', service: 'sts', sha256: Hash.bind(null, 'sha256'), applyChecksum: false });
  }

  build(request: HttpRequest, canonicalHeaders: HeaderBag, payloadHash: string): string {
    return this.createCanonicalRequest(request, canonicalHeaders, payloadHash);
  }
}

const canonical = new CanonicalRequests();

/**
 * Derived signing keys by (secret, date, region, service), as the SDKs cache
 * them: four HMACs saved per request, a key lives a day. Regions come from
 * clients, so the cache is bounded and starts over when full.
 */
const signingKeys = new Map<string, Buffer>();
const MAX_SIGNING_KEYS = 1024;

function signingKey(secretAccessKey: string, scopeDate: string, region: string, service: string): Buffer {
  const id = `${scopeDate}/${region}/${service}/${secretAccessKey}`;
  let key = signingKeys.get(id);
  if (key === undefined) {
    key = createHmac('sha256', `AWS4${secretAccessKey}`).update(scopeDate).digest();
    for (const part of [region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
    if (signingKeys.size >= MAX_SIGNING_KEYS) signingKeys.clear();
    signingKeys.set(id, key);
  }
  return key;
}

/** @public */
export interface VerifySigV4Options {
  readonly request: MockRequest;
  readonly keys: KeyStore;
  /** Epoch ms on the mock's virtual clock. */
  readonly nowMs: number;
  /** Allowed distance between the request's `X-Amz-Date` and `nowMs`, in seconds. */
  readonly maxSkewS: number;
  /**
   * False (config `verifySignatures: false`): the caller is still identified
   * by its access key, and unknown or expired keys are still refused, but the
   * signature, session token and request time are not checked.
   */
  readonly checkSignature: boolean;
}

/** @public */
export type SigV4Outcome =
  | { readonly ok: true; readonly key: IssuedKey; readonly region: string }
  | { readonly ok: false; readonly error: StsError; readonly accessKeyId?: string; readonly region?: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';
const SERVICE = 'sts';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const MAX_PRESIGN_EXPIRES_S = 7 * 24 * 3600;

interface ParsedAuth {
  readonly accessKeyId: string;
  readonly scopeDate: string;
  readonly region: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  readonly amzDate: string;
  readonly sessionToken: string | undefined;
  /** Presigned requests only: seconds the URL stays valid. */
  readonly expiresS?: number;
}

/**
 * Checks who signed an STS request and whether the signature holds.
 *
 * @example
 * const outcome = await verifySigV4({ request, keys, nowMs: clock.now(), maxSkewS: 300, checkSignature: true });
 * if (outcome.ok) console.log(outcome.key.identity.arn);
 * @public
 */
export async function verifySigV4(options: VerifySigV4Options): Promise<SigV4Outcome> {
  const { request, keys, nowMs, maxSkewS, checkSignature } = options;
  const query = splitQuery(request.path);
  const presigned = request.headers.authorization === undefined && query.params.has('X-Amz-Algorithm');
  const parsed = presigned ? parsePresigned(query.params) : parseAuthorizationHeader(request);
  if ('kind' in parsed) return { ok: false, error: parsed };
  const fail = (error: StsError): SigV4Outcome => ({ ok: false, error, accessKeyId: parsed.accessKeyId, region: parsed.region });

  const key = keys.get(parsed.accessKeyId);
  if (key === undefined) return fail(invalidToken());
  if (checkSignature && !sameToken(key.sessionToken, parsed.sessionToken)) return fail(invalidToken());
  if (key.expiresAtMs !== undefined && nowMs >= key.expiresAtMs) {
    return fail(stsError(403, 'ExpiredToken', 'The security token included in the request is expired'));
  }
  if (!checkSignature) return { ok: true, key, region: parsed.region };

  const timeError = checkRequestTime(parsed, nowMs, maxSkewS);
  if (timeError) return fail(timeError);

  const signedNames = new Set(parsed.signedHeaders);
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const name of parsed.signedHeaders) {
    const value = name === 'host' ? (request.headers.host ?? request.host) : Object.hasOwn(request.headers, name) ? request.headers[name] : undefined;
    if (value !== undefined) headers[name] = value;
    // In-process fronts (undici Dispatcher, Fetch Requests) never see the
    // content-length the wire would carry; it can only be the body's length.
    else if (name === 'content-length') headers[name] = String(request.body.byteLength);
  }
  const declaredHash = headers['x-amz-content-sha256'];
  if (declaredHash !== undefined && declaredHash !== sha256Hex(request.body)) {
    return fail(stsError(403, 'SignatureDoesNotMatch', "The provided 'x-amz-content-sha256' header does not match what was computed."));
  }

  const toSign: HttpRequest = {
    method: request.method.toUpperCase(),
    protocol: 'https:',
    hostname: request.host,
    path: query.path,
    query: query.multi,
    headers,
    ...(request.body.byteLength > 0 ? { body: request.body } : {}),
  };
  let expected: string | undefined;
  try {
    expected = presigned
      ? await presignedSignature(toSign, parsed, key, signedNames)
      : headerSignature(toSign, parsed, key.secretAccessKey, signedNames, request.body);
  } catch {
    expected = undefined;
  }
  if (expected === undefined || !constantTimeEqual(expected, parsed.signature)) {
    return fail(
      stsError(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      ),
    );
  }
  return { ok: true, key, region: parsed.region };
}

/**
 * The `Authorization` form: the canonical request from the client's own signed
 * headers, then the string to sign and its HMAC under the cached signing key
 * (SigV4's last two steps). Undefined when the client's list of signed headers
 * is not what was signed (it must name x-amz-date, as every signer does).
 */
function headerSignature(toSign: HttpRequest, parsed: ParsedAuth, secretAccessKey: string, signedNames: ReadonlySet<string>, body: Uint8Array): string | undefined {
  if (!signedNames.has('x-amz-date')) return undefined;
  const canonicalHeaders = getCanonicalHeaders(toSign, undefined, signedNames as Set<string>);
  if (Object.keys(canonicalHeaders).sort().join(';') !== parsed.signedHeaders.join(';')) return undefined;
  const canonicalRequest = canonical.build(toSign, canonicalHeaders, sha256Hex(body));
  const scope = `${parsed.scopeDate}/${parsed.region}/${SERVICE}/aws4_request`;
  const stringToSign = `${ALGORITHM}\n${parsed.amzDate}\n${scope}\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
  return createHmac('sha256', signingKey(secretAccessKey, parsed.scopeDate, parsed.region, SERVICE)).update(stringToSign).digest('hex');
}

/** The presigned form (EKS tokens), rare enough to go through the signer whole. */
async function presignedSignature(toSign: HttpRequest, parsed: ParsedAuth, key: IssuedKey, signedNames: Set<string>): Promise<string | undefined> {
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: key.accessKeyId,
      secretAccessKey: key.secretAccessKey,
      ...(key.sessionToken !== undefined ? { sessionToken: key.sessionToken } : {}),
    },
    region: parsed.region,
    service: SERVICE,
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: false,
  });
  const signed = await signer.presign({ ...toSign, query: withoutPresignParams(toSign.query as Record<string, string | string[]>) }, {
    signingDate: amzDateToDate(parsed.amzDate),
    expiresIn: parsed.expiresS ?? 0,
    signingRegion: parsed.region,
    signingService: SERVICE,
    signableHeaders: signedNames,
    unhoistableHeaders: signedNames,
  });
  const value = signed.query?.['X-Amz-Signature'];
  return typeof value === 'string' && signed.query?.['X-Amz-SignedHeaders'] === parsed.signedHeaders.join(';') ? value : undefined;
}

function invalidToken(): StsError {
  return stsError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
}

function incomplete(message: string): StsError {
  return stsError(400, 'IncompleteSignature', message);
}

function parseAuthorizationHeader(request: MockRequest): ParsedAuth | StsError {
  const header = request.headers.authorization;
  if (header === undefined || header.trim() === '') {
    return stsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
  }
  const match = /^\s*(\S+)\s+(.*)$/s.exec(header);
  if (!match || match[1] !== ALGORITHM) {
    return incomplete(`Unsupported AWS 'algorithm': '${echo(match?.[1] ?? header.trim())}'. The mock accepts only ${ALGORITHM} (SigV4).`);
  }
  const fields = new Map<string, string>();
  for (const part of (match[2] ?? '').split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  for (const required of ['Credential', 'SignedHeaders', 'Signature']) {
    if (!fields.get(required)) return incomplete(`Authorization header requires '${required}' parameter.`);
  }
  const amzDate = request.headers['x-amz-date'];
  if (amzDate === undefined || !isAmzDate(amzDate)) {
    return incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. The mock reads 'X-Amz-Date' (yyyyMMdd'T'HHmmss'Z').");
  }
  return finishParse(fields.get('Credential') ?? '', fields.get('SignedHeaders') ?? '', fields.get('Signature') ?? '', amzDate, request.headers['x-amz-security-token']);
}

function parsePresigned(params: ReadonlyMap<string, string>): ParsedAuth | StsError {
  const names = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires'];
  if (names.some((n) => !params.get(n))) {
    return incomplete(`AWS query-string parameters must include ${names.map((n) => `'${n}'`).join(', ')}. Re-examine the query-string parameters.`);
  }
  if (params.get('X-Amz-Algorithm') !== ALGORITHM) return incomplete(`Unsupported AWS 'algorithm': '${echo(params.get('X-Amz-Algorithm') ?? '')}'.`);
  const amzDate = params.get('X-Amz-Date') ?? '';
  if (!isAmzDate(amzDate)) return incomplete("X-Amz-Date must be in the ISO 8601 basic format yyyyMMdd'T'HHmmss'Z'.");
  const expiresText = params.get('X-Amz-Expires') ?? '';
  const expiresS = /^\d{1,7}$/.test(expiresText) ? Number(expiresText) : NaN;
  if (!(expiresS >= 1 && expiresS <= MAX_PRESIGN_EXPIRES_S)) {
    return incomplete(`X-Amz-Expires must be a whole number of seconds from 1 to ${MAX_PRESIGN_EXPIRES_S}.`);
  }
  const parsed = finishParse(
    params.get('X-Amz-Credential') ?? '',
    params.get('X-Amz-SignedHeaders') ?? '',
    params.get('X-Amz-Signature') ?? '',
    amzDate,
    params.get('X-Amz-Security-Token'),
  );
  return 'kind' in parsed ? parsed : { ...parsed, expiresS };
}

function finishParse(credential: string, signedHeaderList: string, signature: string, amzDate: string, sessionToken: string | undefined): ParsedAuth | StsError {
  const scope = credential.split('/');
  const [accessKeyId, scopeDate, region, service, terminator] = scope;
  if (scope.length !== 5 || !accessKeyId || !scopeDate || !region || !service || !terminator) {
    return incomplete(`Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${echo(credential)}'`);
  }
  if (!/^[A-Z0-9]{16,128}$/.test(accessKeyId)) return invalidToken();
  const signedHeaders = signedHeaderList.split(';');
  if (signedHeaders.some((h) => !/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(h))) {
    return incomplete(`SignedHeaders must be lower-case header names separated by ';', got '${echo(signedHeaderList)}'.`);
  }
  if (!signedHeaders.includes('host')) return incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  const mismatch = (message: string): StsError => stsError(403, 'SignatureDoesNotMatch', message);
  if (service !== SERVICE) return mismatch(`Credential should be scoped to correct service: '${SERVICE}'. `);
  if (terminator !== 'aws4_request') return mismatch(`Credential should be scoped with a valid terminator: 'aws4_request', not '${echo(terminator)}'. `);
  if (scopeDate !== amzDate.slice(0, 8)) {
    return mismatch(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${echo(scopeDate)}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
  }
  return { accessKeyId, scopeDate, region, signedHeaders, signature, amzDate, sessionToken };
}

/** The real STS wording, with the window in minutes (decision 0021); the messages are built only when they are needed. */
function checkRequestTime(parsed: ParsedAuth, nowMs: number, maxSkewS: number): StsError | undefined {
  const signedAtMs = amzDateToDate(parsed.amzDate).getTime();
  const window = (): string => (maxSkewS % 60 === 0 ? `${maxSkewS / 60} min.` : `${maxSkewS} sec.`);
  if (parsed.expiresS !== undefined) {
    if (nowMs > signedAtMs + parsed.expiresS * 1000) {
      return stsError(403, 'SignatureDoesNotMatch', `Signature expired: ${parsed.amzDate} is now earlier than ${toAmzDate(nowMs - parsed.expiresS * 1000)} (${toAmzDate(nowMs)} - ${parsed.expiresS} sec.)`);
    }
  } else if (signedAtMs < nowMs - maxSkewS * 1000) {
    return stsError(403, 'SignatureDoesNotMatch', `Signature expired: ${parsed.amzDate} is now earlier than ${toAmzDate(nowMs - maxSkewS * 1000)} (${toAmzDate(nowMs)} - ${window()})`);
  }
  if (signedAtMs > nowMs + maxSkewS * 1000) {
    return stsError(403, 'SignatureDoesNotMatch', `Signature not yet current: ${parsed.amzDate} is still later than ${toAmzDate(nowMs + maxSkewS * 1000)} (${toAmzDate(nowMs)} + ${window()})`);
  }
  return undefined;
}

function sameToken(expected: string | undefined, given: string | undefined): boolean {
  if (expected === undefined) return given === undefined;
  return given !== undefined && constantTimeEqual(expected, given);
}

function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

function sha256Hex(body: Uint8Array): string {
  return body.byteLength === 0 ? EMPTY_SHA256 : createHash('sha256').update(body).digest('hex');
}

function isAmzDate(text: string): boolean {
  return /^\d{8}T\d{6}Z$/.test(text) && !Number.isNaN(amzDateToDate(text).getTime());
}

function amzDateToDate(text: string): Date {
  const iso = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T${text.slice(9, 11)}:${text.slice(11, 13)}:${text.slice(13, 15)}Z`;
  return new Date(iso);
}

function toAmzDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

interface SplitQuery {
  readonly path: string;
  /** First value of each key, for reading the presign parameters. */
  readonly params: ReadonlyMap<string, string>;
  /** Every value of each key, as the canonical query needs them. */
  readonly multi: Record<string, string | string[]>;
}

function splitQuery(fullPath: string): SplitQuery {
  const q = fullPath.indexOf('?');
  const path = q < 0 ? fullPath : fullPath.slice(0, q);
  const params = new Map<string, string>();
  const multi: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  if (q >= 0) {
    for (const pair of fullPath.slice(q + 1).split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const key = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
      const value = safeDecode(eq < 0 ? '' : pair.slice(eq + 1));
      if (!params.has(key)) params.set(key, value);
      const previous = multi[key];
      multi[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
    }
  }
  return { path: path === '' ? '/' : path, params, multi };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function withoutPresignParams(query: Record<string, string | string[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of Object.entries(query)) {
    if (!/^X-Amz-(Algorithm|Credential|Date|Expires|SignedHeaders|Signature|Security-Token)$/.test(key)) out[key] = value;
  }
  return out;
}
