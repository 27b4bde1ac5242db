import type { Dispatcher } from 'undici';
import { ImdsError, ImdsV1ForbiddenError, NetworkError } from '../errors.js';
import type { Credentials } from '../identity/Credentials.js';
import type { Random } from '../random/random.js';
import { systemRandom } from '../random/random.js';
import type { Clock } from '../time/clock.js';
import { systemClock } from '../time/clock.js';
import { httpRequest } from './httpRequest.js';
import type { HttpAnswer } from './httpRequest.js';
import { isTransientStatus, retryMetadataRequest } from './retryMetadataRequest.js';
import { parseCredentialsDocument } from './parseCredentialsDocument.js';
import { resolveImdsSettings } from './resolveImdsSettings.js';
import type { ImdsSettings, ImdsSettingsOptions } from './resolveImdsSettings.js';

/** The IMDSv2 token's lifetime asked for, in seconds (the SDKs' default). @internal */
export const DEFAULT_IMDS_TOKEN_TTL_S = 21_600;
/** Renew a cached token this long before it lapses (Rust's choice). */
const TOKEN_RENEW_BEFORE_MS = 120_000;

/** Something to tell about IMDS trouble worth a human's attention (once). @public */
export interface ImdsLogger {
  warn(message: string): void;
}

/** @public */
export interface ImdsClientOptions extends ImdsSettingsOptions {
  /** undici Dispatcher: the mock's in-process one in tests; default undici's global. */
  readonly dispatcher?: Dispatcher;
  readonly clock?: Clock;
  /** Jitter of the backoff between attempts (default `Math.random`). */
  readonly random?: Random;
  readonly tokenTtlSeconds?: number;
  /** Extra headers on every request (e.g. `x-rolecall-client` for the mock's per-client rules). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly logger?: ImdsLogger;
}

/** The instance role's credentials as IMDS served them. @public */
export interface ImdsRoleCredentials {
  readonly roleName: string;
  readonly credentials: Credentials;
  /** `IMDSv2`, or `IMDSv1` after a documented fallback signal. */
  readonly protocol: 'IMDSv2' | 'IMDSv1';
}

/** @public */
export interface ImdsClient {
  /** The effective endpoint and switches (reads env and the profile once). */
  settings(): Promise<ImdsSettings>;
  /** The raw body of a metadata path such as `meta-data/instance-id` or `/latest/user-data`; {@link ImdsError} with `statusCode` 404 when absent. */
  get(path: string): Promise<string>;
  getJson<T = unknown>(path: string): Promise<T>;
  /** A directory listing: one entry per line, sub-directories end in `/`. */
  list(path: string): Promise<string[]>;
  /** user-data, or undefined when the instance has none. */
  userData(): Promise<string | undefined>;
  identityDocument(): Promise<Readonly<Record<string, unknown>>>;
  region(): Promise<string>;
  iamInfo(): Promise<{ readonly InstanceProfileArn: string; readonly InstanceProfileId: string }>;
  /** The instance role's credentials (role listed on every call, as every SDK does); `signal` ends the requests and backoffs in progress. */
  credentials(options?: { readonly signal?: AbortSignal | undefined }): Promise<ImdsRoleCredentials>;
  /** `IMDSv2` once a token was obtained, `IMDSv1` after a fallback, `unknown` before the first call. */
  protocol(): 'IMDSv2' | 'IMDSv1' | 'unknown';
  /** Diagnoses collected so far (e.g. the hop-limit hint); never secrets. */
  diagnostics(): readonly string[];
}

/** @public */
export const HOP_LIMIT_HINT =
  'the IMDSv2 token PUT got no answer but IMDS answered a plain GET: the PUT response hop limit (HttpPutResponseHopLimit) is likely too low for this client (a container needs 2); raise it with `aws ec2 modify-instance-metadata-options --instance-id <id> --http-put-response-hop-limit 2`';

function normalizePath(path: string): string {
  if (path.startsWith('/')) return path;
  return `/latest/${path}`;
}

class TokenUnavailable {
  constructor(readonly reason: string) {}
}

/**
 * The IMDS client: the token protocol and the requests. Its settings come
 * from resolveImdsSettings.ts, the credential document is parsed by
 * parseCredentialsDocument.ts (which the container provider shares).
 *
 * An IMDS client sharing one token: IMDSv2 token cached for its TTL and
 * renewed early; a 401 renews it; IMDSv1 only after the documented signals
 * (token PUT answered 403/404/405, or timed out) and never when forbidden.
 * When the token PUT times out but a plain GET answers, the error or the
 * diagnostics name the hop limit. undici is loaded on the first request.
 *
 * @example
 * ```ts
 * const imds = createImdsClient();
 * const id = await imds.get('meta-data/instance-id');
 * ```
 * @public
 */
export function createImdsClient(options: ImdsClientOptions = {}): ImdsClient {
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? systemRandom;
  let settingsPromise: Promise<ImdsSettings> | undefined;
  let token: { value: string; renewAt: number } | undefined;
  let tokenInFlight: Promise<string | TokenUnavailable> | undefined;
  let mode: 'IMDSv2' | 'IMDSv1' | 'unknown' = 'unknown';
  /** Set when a token PUT timed out and we fell back: the next GET tells whether it is the hop limit. */
  let putTimedOut = false;
  const notes: string[] = [];
  const note = (message: string): void => {
    if (notes.includes(message)) return;
    notes.push(message);
    options.logger?.warn(message);
  };

  const loadSettings = (): Promise<ImdsSettings> => resolveImdsSettings(options);
  const settings = (): Promise<ImdsSettings> => (settingsPromise ??= loadSettings());

  const exchange = async (s: ImdsSettings, method: 'GET' | 'PUT', path: string, headers: Record<string, string>, timeoutMs: number, signal?: AbortSignal): Promise<HttpAnswer> =>
    httpRequest({
      url: `${s.endpoint}${path}`,
      method,
      headers: { ...options.headers, ...headers },
      timeoutMs,
      clock,
      dispatcher: options.dispatcher,
      signal,
    });

  const unreachable = (s: ImdsSettings, path: string, error: NetworkError): ImdsError =>
    new ImdsError(
      path,
      error.kind === 'timeout'
        ? `${s.endpoint} (${s.source}) did not answer within ${error.timeoutMs ?? s.timeoutMs} ms`
        : `${s.endpoint} (${s.source}) is not reachable (${error.errno ?? error.kind})`,
      { hint: 'not running on EC2? set AWS_EC2_METADATA_DISABLED=true to skip IMDS, or point AWS_EC2_METADATA_SERVICE_ENDPOINT at it' },
      { cause: error },
    );

  /** After a token PUT timed out, any HTTP answer to a plain GET means IMDS is there: the PUT answer was lost on the way back. */
  const probeAnswers = async (s: ImdsSettings, signal: AbortSignal | undefined): Promise<boolean> => {
    try {
      await exchange(s, 'GET', '/latest/api/token', {}, Math.max(1, s.timeoutMs / 4), signal);
      return true;
    } catch {
      return false;
    }
  };

  const fetchToken = async (s: ImdsSettings, signal: AbortSignal | undefined): Promise<string | TokenUnavailable> => {
    const ttl = options.tokenTtlSeconds ?? DEFAULT_IMDS_TOKEN_TTL_S;
    const path = '/latest/api/token';
    let answer: HttpAnswer;
    try {
      answer = await exchange(s, 'PUT', path, { 'x-aws-ec2-metadata-token-ttl-seconds': String(ttl) }, Math.max(1, s.timeoutMs / 2), signal);
    } catch (error) {
      if (!(error instanceof NetworkError) || error.kind !== 'timeout') throw error instanceof NetworkError ? unreachable(s, path, error) : error;
      if (s.v1ForbiddenBy !== undefined) {
        const answered = await probeAnswers(s, signal);
        if (answered) note(HOP_LIMIT_HINT);
        throw new ImdsV1ForbiddenError(path, `no answer within ${Math.max(1, s.timeoutMs / 2)} ms`, s.v1ForbiddenBy, answered ? HOP_LIMIT_HINT : 'not running on EC2? set AWS_EC2_METADATA_DISABLED=true to skip IMDS');
      }
      putTimedOut = true;
      return new TokenUnavailable(`token PUT timed out after ${Math.max(1, s.timeoutMs / 2)} ms`);
    }
    if (answer.status === 200 && answer.body.trim() !== '') {
      const granted = Number(answer.headers['x-aws-ec2-metadata-token-ttl-seconds'] ?? ttl);
      const lifetimeMs = (Number.isFinite(granted) && granted > 0 ? granted : ttl) * 1000;
      token = { value: answer.body.trim(), renewAt: clock.now() + lifetimeMs - Math.min(TOKEN_RENEW_BEFORE_MS, lifetimeMs / 4) };
      mode = 'IMDSv2';
      return token.value;
    }
    if (answer.status === 403 || answer.status === 404 || answer.status === 405) {
      if (s.v1ForbiddenBy !== undefined) throw new ImdsV1ForbiddenError(path, `HTTP ${answer.status}`, s.v1ForbiddenBy);
      return new TokenUnavailable(`token PUT answered HTTP ${answer.status}`);
    }
    throw new ImdsError(path, `the IMDSv2 token request answered HTTP ${answer.status}`, { statusCode: answer.status, hint: answer.status === 400 ? 'the token TTL was refused' : 'IMDS may be throttling or failing; it is retried' });
  };

  /** A token, or undefined for IMDSv1. */
  const currentToken = async (s: ImdsSettings, signal: AbortSignal | undefined): Promise<string | undefined> => {
    if (mode === 'IMDSv1') return undefined;
    if (token !== undefined && clock.now() < token.renewAt) return token.value;
    tokenInFlight ??= fetchToken(s, signal).finally(() => {
      tokenInFlight = undefined;
    });
    const result = await tokenInFlight;
    if (result instanceof TokenUnavailable) {
      note(`IMDS: falling back to IMDSv1 (${result.reason})`);
      mode = 'IMDSv1';
      return undefined;
    }
    return result;
  };

  /** One attempt at `path`: a token (renewed once after a 401), then the GET. */
  const getOnce = async (s: ImdsSettings, path: string, signal: AbortSignal | undefined): Promise<HttpAnswer> => {
    let renewedAfter401 = false;
    for (;;) {
      const value = await currentToken(s, signal);
      const probing = value === undefined && putTimedOut;
      let answer: HttpAnswer;
      try {
        answer = await exchange(s, 'GET', path, value === undefined ? {} : { 'x-aws-ec2-metadata-token': value }, probing ? Math.max(1, s.timeoutMs / 4) : s.timeoutMs, signal);
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error;
        if (probing) {
          // Two requests went unanswered: a diagnosis (no working IMDS here), not a transient failure.
          throw new ImdsError(path, `${s.endpoint} (${s.source}) answered neither the IMDSv2 token PUT (${s.timeoutMs / 2} ms) nor an IMDSv1 GET (${s.timeoutMs / 4} ms)`, {
            hint: 'it accepts connections but is not a working IMDS: not running on EC2? set AWS_EC2_METADATA_DISABLED=true to skip IMDS',
            errorClass: 'non-retryable',
          }, { cause: error });
        }
        throw unreachable(s, path, error);
      }
      if (probing) {
        putTimedOut = false;
        note(HOP_LIMIT_HINT);
      }
      if (answer.status === 401 && value !== undefined && !renewedAfter401) {
        renewedAfter401 = true;
        token = undefined;
        continue;
      }
      if (answer.status === 401 && value === undefined && notes.includes(HOP_LIMIT_HINT)) {
        throw new ImdsError(path, 'IMDSv1 answered 401: this instance requires IMDSv2 tokens, and the token PUT got no answer', { statusCode: 401, hint: HOP_LIMIT_HINT });
      }
      return answer;
    }
  };

  const getAnswer = async (rawPath: string, signal?: AbortSignal): Promise<string> => {
    const s = await settings();
    const path = normalizePath(rawPath);
    if (s.disabled) throw new ImdsError(path, 'IMDS is disabled by AWS_EC2_METADATA_DISABLED=true', { code: 'ERR_ROLECALL_IMDS_DISABLED' });
    const answer = await retryMetadataRequest(() => getOnce(s, path, signal), { maxAttempts: s.maxAttempts, clock, random, signal });
    if (answer.status === 200) return answer.body;
    if (answer.status === 404) throw new ImdsError(path, 'not found (HTTP 404)', { statusCode: 404 });
    throw new ImdsError(path, `HTTP ${answer.status}${isTransientStatus(answer.status) ? ` (${s.maxAttempts} attempt(s))` : ''}`, {
      statusCode: answer.status,
      hint: answer.status === 401 ? 'the token was refused twice' : answer.status === 403 ? 'IMDS is disabled on this instance (HttpEndpoint=disabled)' : undefined,
    });
  };

  const getJsonAt = async <T>(path: string, signal?: AbortSignal): Promise<T> => {
    const body = await getAnswer(path, signal);
    try {
      return JSON.parse(body) as T;
    } catch (error) {
      throw new ImdsError(normalizePath(path), 'the answer is not JSON', {}, { cause: error });
    }
  };
  const listAt = async (path: string, signal?: AbortSignal): Promise<string[]> => {
    const withSlash = path.endsWith('/') ? path : `${path}/`;
    return (await getAnswer(withSlash, signal)).split('\n').map((l) => l.trim()).filter((l) => l !== '');
  };

  const client: ImdsClient = {
    settings,
    get: (path) => getAnswer(path),
    getJson: <T>(path: string) => getJsonAt<T>(path),
    list: (path) => listAt(path),
    async userData() {
      try {
        return await getAnswer('/latest/user-data');
      } catch (error) {
        if (error instanceof ImdsError && error.statusCode === 404) return undefined;
        throw error;
      }
    },
    identityDocument: () => client.getJson('/latest/dynamic/instance-identity/document'),
    region: async () => (await getAnswer('/latest/meta-data/placement/region')).trim(),
    iamInfo: () => client.getJson('/latest/meta-data/iam/info'),
    async credentials(request = {}) {
      const { signal } = request;
      const base = '/latest/meta-data/iam/security-credentials/';
      let roles: string[];
      try {
        roles = await listAt(base, signal);
      } catch (error) {
        if (error instanceof ImdsError && error.statusCode === 404) {
          throw new ImdsError(base, 'this instance has no IAM role (no instance profile attached)', { statusCode: 404, code: 'ERR_ROLECALL_IMDS_NO_ROLE', hint: 'attach an instance profile, or configure another credential source' });
        }
        throw error;
      }
      const roleName = roles[0];
      if (roleName === undefined) throw new ImdsError(base, 'the role listing is empty', { code: 'ERR_ROLECALL_IMDS_NO_ROLE' });
      const body = await getJsonAt<Record<string, unknown>>(`${base}${roleName}`, signal);
      return { roleName, credentials: parseCredentialsDocument(body, `${base}${roleName}`), protocol: mode === 'IMDSv1' ? 'IMDSv1' : 'IMDSv2' };
    },
    protocol: () => mode,
    diagnostics: () => [...notes],
  };
  return client;
}
