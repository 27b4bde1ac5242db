import type { ResolvedMockConfig } from '../domain/MockConfig.js';
import type { MockRequest, MockResponse } from '../domain/MockRequest.js';
import type { KeyStore } from '../domain/KeyStore.js';
import type { Random } from '../domain/random.js';
import type { ServiceResult } from '../domain/ServiceResult.js';
import { type CredentialSeries, type Generation, createCredentialSeries } from '../domain/createCredentialSeries.js';
import { stsRoleId } from '../sts/principalIds.js';
import { type Caller, type LeafValue, type MetadataNode, type ReadContext, buildMetadataTree, findNode, listing } from './buildMetadataTree.js';
import { imdsError, imdsErrorCode, imdsOk } from './imdsResponses.js';

/** What IMDS needs from the domain core. @internal */
export interface ImdsContext {
  readonly config: ResolvedMockConfig;
  readonly keys: KeyStore;
  readonly now: () => number;
  readonly random: Random;
  /** Where the clock started: generation 0 of every credential series. */
  readonly originMs: number;
}

/** @internal */
export interface ImdsService {
  /** The route name of a request (for fault rules and the journal) without handling it. */
  action(request: MockRequest): string;
  handle(request: MockRequest): ServiceResult;
  /** An IMDS-shaped error (throttling, fault plans). */
  error(status: number, headers?: Readonly<Record<string, string>>, message?: string): MockResponse;
}

const TOKEN_HEADER = 'x-aws-ec2-metadata-token';
const TTL_HEADER = 'x-aws-ec2-metadata-token-ttl-seconds';
const MAX_TTL_S = 21_600;
/** Live tokens kept at most; beyond it the oldest are forgotten (AWS sets no practical limit). */
const MAX_TOKENS = 100_000;
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** The metadata versions `GET /` lists; every one answers like `latest`. */
const VERSIONS = [
  '1.0', '2007-01-19', '2007-03-01', '2007-08-29', '2007-10-10', '2007-12-15', '2008-02-01', '2008-09-01', '2009-04-04',
  '2011-01-01', '2011-05-01', '2012-01-12', '2014-02-25', '2014-11-05', '2015-10-20', '2016-04-19', '2016-06-30',
  '2016-09-02', '2018-03-28', '2018-08-17', '2018-09-24', '2019-10-01', '2020-10-27', '2021-01-03', '2021-03-23',
  '2021-07-15', '2022-09-24', '2023-11-11', '2024-04-11', 'latest',
];
const VERSION = /^(?:latest|1\.0|\d{4}-\d{2}-\d{2})$/;

/** Whether a path belongs to instance metadata: `/`, `/latest/...`, `/2021-03-23/...`. @internal */
export function isImdsPath(pathOnly: string): boolean {
  if (pathOnly === '/') return true;
  const end = pathOnly.indexOf('/', 1);
  return VERSION.test(end < 0 ? pathOnly.slice(1) : pathOnly.slice(1, end));
}

function pathOf(request: MockRequest): string {
  const q = request.path.indexOf('?');
  return q < 0 ? request.path : request.path.slice(0, q);
}

function result(response: MockResponse, action: string, accessKeyId?: string, fault?: string): ServiceResult {
  const code = response.status >= 400 ? imdsErrorCode(response.status) : null;
  if (accessKeyId === undefined && fault === undefined) return { response, action, code };
  const out: { response: MockResponse; action: string; code: string | null; accessKeyId?: string; fault?: string } = { response, action, code };
  if (accessKeyId !== undefined) out.accessKeyId = accessKeyId;
  if (fault !== undefined) out.fault = fault;
  return out;
}

/** A metadata path taken apart once: its version, the segments below it and its route name. */
interface ParsedPath {
  readonly version: string;
  readonly rest: readonly string[];
  readonly action: string;
}

/** Parsed paths remembered (clients repeat a handful); the memo is dropped whole when full. */
const MAX_PARSED = 1024;

function parsePath(pathOnly: string): ParsedPath {
  const parts = pathOnly.split('/').filter((p) => p !== '');
  const rest = parts.slice(1);
  return { version: parts[0] ?? '', rest, action: pathOnly === '/' ? 'versions' : routeName(rest) };
}

const isTokenPath = (rest: readonly string[]): boolean => rest.length === 2 && rest[0] === 'api' && rest[1] === 'token';

function routeName(rest: readonly string[]): string {
  if (isTokenPath(rest)) return 'token';
  if (rest[0] === 'meta-data' && rest[1] === 'iam' && rest[2] === 'security-credentials' && rest.length === 4) return 'credentials';
  if (rest[0] === 'meta-data' && rest[1] === 'identity-credentials' && rest.length === 5) return 'identity-credentials';
  if (rest[0] === 'user-data') return 'user-data';
  if (rest[0] === 'dynamic') return 'dynamic';
  return 'metadata';
}

/** The last answer built for a leaf value, reused while the token's TTL header reads the same. */
interface CachedAnswer {
  readonly ttl: string | undefined;
  readonly get: ServiceResult;
  head: ServiceResult | undefined;
}

/**
 * The EC2 Instance Metadata Service (docs/reference/imds-sts-wire.md §1): the IMDSv2 token
 * exchange with TTLs on the mock's clock, `HttpTokens` required or optional,
 * the endpoint switch, hop-limit emulation, the metadata tree and role
 * credentials that rotate in generations, separately for IMDSv1 and IMDSv2
 * callers (docs/decisions/0011).
 * @internal
 */
export function createImdsService(ctx: ImdsContext): ImdsService {
  const { config, keys, now, random } = ctx;
  const { instance, account } = config;
  const tree = buildMetadataTree(config, ctx.originMs);
  const tokens = new Map<string, number>();

  /** Credentials of a session of `role` named after the instance, as EC2 issues them. */
  const sessionSeries = (role: string): CredentialSeries =>
    createCredentialSeries({
      originMs: ctx.originMs,
      lifetimeMs: instance.credentialLifetimeS * 1000,
      rotateBeforeMs: instance.rotateBeforeS * 1000,
      frozen: instance.serveExpiredCredentials,
      issue: (issuedAtMs, expiresAtMs) =>
        keys.issue({
          identity: {
            kind: 'instance-role',
            account,
            arn: `arn:aws:sts::${account}:assumed-role/${role}/${instance.instanceId}`,
            userId: `${stsRoleId(account, role)}:${instance.instanceId}`,
            roleName: role,
            sessionName: instance.instanceId,
            issuedAtMs,
          },
          expiresAtMs,
          issuedBy: 'imds',
        }),
    });
  const role = instance.role;
  // IMDSv1 and IMDSv2 callers get two independent series: same schedule, different keys.
  const series = role === null ? undefined : { v1: sessionSeries(role), v2: sessionSeries(role) };
  // identity-credentials/ec2: the instance's own identity, not the role (docs/reference/imds-sts-wire.md §1.5).
  const identitySeries = sessionSeries('aws:ec2-instance');

  const newToken = (expiresAtMs: number): string => {
    let token = 'AQAEA';
    for (let i = 0; i < 51; i++) token += TOKEN_ALPHABET[Math.floor(random() * 64)];
    token += '==';
    if (tokens.size >= MAX_TOKENS) {
      const t = now();
      for (const [old, exp] of tokens) if (exp <= t) tokens.delete(old);
      while (tokens.size >= MAX_TOKENS) {
        const oldest = tokens.keys().next();
        if (oldest.done === true) break;
        tokens.delete(oldest.value);
      }
    }
    tokens.set(token, expiresAtMs);
    return token;
  };

  /** Seconds the token has left, or null when it is unknown or expired. */
  const tokenSecondsLeft = (token: string): number | null => {
    const expiresAtMs = tokens.get(token);
    if (expiresAtMs === undefined) return null;
    const left = expiresAtMs - now();
    if (left <= 0) {
      tokens.delete(token);
      return null;
    }
    return Math.ceil(left / 1000);
  };

  const parsed = new Map<string, ParsedPath>();
  const parse = (pathOnly: string): ParsedPath => {
    let p = parsed.get(pathOnly);
    if (p === undefined) {
      if (parsed.size >= MAX_PARSED) parsed.clear();
      p = parsePath(pathOnly);
      parsed.set(pathOnly, p);
    }
    return p;
  };

  const action = (request: MockRequest): string => parse(pathOf(request)).action;

  const handleToken = (request: MockRequest, version: string): ServiceResult => {
    if (request.method === 'OPTIONS') return result(imdsOk('', 'text/plain', { allow: 'OPTIONS, PUT' }), 'token');
    if (request.method !== 'PUT') return result(imdsError(405, { allow: 'OPTIONS, PUT' }), 'token');
    // Tokens come only from /latest/api/token; versioned token paths are refused.
    if (version !== 'latest') return result(imdsError(403), 'token');
    // A PUT that went through a proxy is refused: tokens must not leave the instance.
    if (request.headers['x-forwarded-for'] !== undefined) return result(imdsError(403), 'token');
    const ttlText = request.headers[TTL_HEADER];
    const ttl = ttlText !== undefined && /^\d{1,5}$/.test(ttlText.trim()) ? Number(ttlText.trim()) : NaN;
    if (!(ttl >= 1 && ttl <= MAX_TTL_S)) return result(imdsError(400), 'token');
    const token = newToken(now() + ttl * 1000);
    return result(imdsOk(token, 'text/plain', { [TTL_HEADER]: String(ttl) }), 'token');
  };

  // Answers by leaf value: a generation's credentials (or a static item) answer the same bytes
  // and headers until the generation or the token's TTL header changes, so build them once.
  const answers = new WeakMap<LeafValue, CachedAnswer>();
  const leafAnswer = (value: LeafValue, name: string, ttl: string | undefined, isHead: boolean): ServiceResult => {
    let cached = answers.get(value);
    if (cached === undefined || cached.ttl !== ttl) {
      const headers = ttl === undefined ? undefined : { [TTL_HEADER]: ttl };
      cached = { ttl, get: result(imdsOk(value.body, value.contentType ?? 'text/plain', headers), value.action ?? name, value.accessKeyId), head: undefined };
      answers.set(value, cached);
    }
    if (!isHead) return cached.get;
    cached.head ??= { ...cached.get, response: { ...cached.get.response, body: '' } };
    return cached.head;
  };

  const handleRead = (request: MockRequest, pathOnly: string, path: ParsedPath): ServiceResult => {
    const name = path.action;
    if (request.method !== 'GET' && request.method !== 'HEAD') return result(imdsError(405, { allow: 'GET, HEAD' }), name);
    const isHead = request.method === 'HEAD';
    const token = request.headers[TOKEN_HEADER];
    let caller: Caller = 'v1';
    let ttl: string | undefined;
    if (token !== undefined) {
      const left = tokenSecondsLeft(token.trim());
      // A token that is present but not valid is refused even when tokens are optional.
      if (left === null) return result(imdsError(401), name);
      caller = 'v2';
      ttl = String(left);
    } else if (instance.httpTokens === 'required') {
      return result(imdsError(401), name);
    }
    const authHeaders: Record<string, string> = ttl === undefined ? {} : { [TTL_HEADER]: ttl };
    const head = (response: MockResponse): MockResponse => (isHead ? { ...response, body: '' } : response);
    if (pathOnly === '/') return result(head(imdsOk(VERSIONS.join('\n'), 'text/plain', authHeaders)), name);
    const node: MetadataNode | undefined = findNode(tree, path.rest);
    if (node === undefined) return result(head(imdsError(404, authHeaders)), name);
    if (node.kind === 'dir') return result(head(imdsOk(listing(node, path.rest.length === 0), 'text/plain', authHeaders)), name);
    return leafAnswer(node.read(readContext(caller)), name, ttl, isHead);
  };

  const roleCredentials = (c: Caller): Generation => {
    // The tree has no credentials item without a role, so this cannot be reached then.
    if (series === undefined) throw new Error('the instance has no role');
    return series[c].current(now());
  };
  const identityCredentials = (): Generation => identitySeries.current(now());
  const readContexts: Readonly<Record<Caller, ReadContext>> = {
    v1: { caller: 'v1', roleCredentials, identityCredentials },
    v2: { caller: 'v2', roleCredentials, identityCredentials },
  };
  const readContext = (caller: Caller): ReadContext => readContexts[caller];

  return {
    action,
    handle(request) {
      const pathOnly = pathOf(request);
      const path = parse(pathOnly);
      let answer: ServiceResult;
      if (instance.httpEndpoint === 'disabled') answer = result(imdsError(403), path.action);
      else if (isTokenPath(path.rest)) answer = handleToken(request, path.version);
      else answer = handleRead(request, pathOnly, path);
      // Hop limit (docs/reference/imds-sts-wire.md §1.4): the PUT's answer dies on the way to a client too many hops away.
      if (request.method === 'PUT' && (instance.hops[request.client] ?? 1) > instance.hopLimit) {
        return { ...answer, response: { ...answer.response, delivery: { kind: 'hang' } }, fault: 'hop-limit' };
      }
      return answer;
    },
    error: imdsError,
  };
}
