import type { Agent } from 'node:http';
import type { Dispatcher } from 'undici';
import type { Env } from '../config/Env.js';
import type { ReadFileFs } from '../config/loadSharedConfig.js';
import { sameSession, type Credentials, type CredentialsIdentity, type CredentialsProvider } from '../identity/Credentials.js';
import { AwsServiceError, InvalidOptionError } from '../errors.js';
import { systemRandom, type Random } from '../random/random.js';
import { resolveRegion, type ResolvedRegion, type ResolveRegionOptions } from '../region/resolveRegion.js';
import { sharedConfigRegion } from '../region/sharedConfigRegion.js';
import { classifyResponse } from '../retry/classifyError.js';
import { createRolecallRetryStrategy } from '../retry/createRolecallRetryStrategy.js';
import { retryWithStats, type RetryRecord } from '../retry/retry.js';
import type { ErrorClass, RetryStrategy } from '../retry/types.js';
import { systemClock, type Clock } from '../time/clock.js';
import { withRequestTimeout } from '../net/withRequestTimeout.js';
import { parseAwsError, requestIdOf } from './parseAwsError.js';
import { resolveEndpoint, type ResolvedEndpoint } from './resolveEndpoint.js';
import type { RawResponse } from './transport.js';

type Transport = typeof import('./transport.js');

/** The package version, sent in the user agent. @internal */
const VERSION = '0.1.0';

/** One request to an AWS service, before signing. @public */
export interface AwsRequest {
  /** The signing name and endpoint prefix, e.g. `sts`. */
  readonly service: string;
  /** The operation, for errors and metrics, e.g. `GetCallerIdentity`. */
  readonly action?: string;
  /** Default `POST`. */
  readonly method?: string;
  /** Appended to the endpoint's path; default `/`. */
  readonly path?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** `false` sends without SigV4 and without asking for credentials (STS AssumeRoleWithWebIdentity). Default true. */
  readonly signed?: boolean;
  readonly signal?: AbortSignal;
}

/** How a call went, in the SDK's `$metadata` shape. @public */
export interface ResponseMetadata {
  readonly httpStatusCode: number;
  readonly requestId: string | undefined;
  /** Attempts made, the successful one included. */
  readonly attempts: number;
  /** Sum of the waits before retries, in ms. */
  readonly totalRetryDelayMs: number;
}

/** A successful (2xx) response with its body read. @public */
export interface AwsResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  readonly $metadata: ResponseMetadata;
}

/** What `onRetry` sees before each retry; frozen. @public */
export interface RetryEvent {
  readonly service: string;
  readonly action: string | undefined;
  /** The attempt that just failed, from 1. */
  readonly attempt: number;
  /** How long the client waits before the next attempt. */
  readonly delayMs: number;
  readonly errorClass: ErrorClass;
  /** AWS error code, HTTP status or socket code. */
  readonly code: string | undefined;
  readonly error: unknown;
}

/** @public */
export interface ClientOptions {
  /** Region for every call; otherwise {@link resolveRegion} runs once, on the first call. */
  readonly region?: string | undefined;
  /** Hooks for region resolution when `region` is not given (opt-in IMDS; `profileRegion` replaces the shared config reader). */
  readonly regionOptions?: Omit<ResolveRegionOptions, 'region' | 'env' | 'profile'>;
  /** The profile for the default credentials and the region; default `AWS_PROFILE`, then `default`. */
  readonly profile?: string | undefined;
  /**
   * Credentials as a value (`{ accessKeyId, secretAccessKey, sessionToken?, expiration? }`, the SDK's
   * `AwsCredentialIdentity`) or a provider (an async function returning them, the SDK's
   * `AwsCredentialIdentityProvider`). Default: the default credential chain (`defaultCredentials`)
   * with this client's env, profile, clock, dispatcher, fs and home directory.
   */
  readonly credentials?: CredentialsIdentity | CredentialsProvider | undefined;
  /** A retry strategy (token protocol); default: rolecall's own (full jitter, quota, 3 attempts). */
  readonly retry?: RetryStrategy;
  /** Where requests go over undici: the mock's in-process dispatcher, an Agent with a proxy ...; implies `transport: 'undici'`. */
  readonly dispatcher?: Dispatcher | undefined;
  /**
   * `node:http` (default without `dispatcher`): the runtime's own HTTP stack
   * with a keep-alive agent per protocol, owned by the client: it loads in a
   * few ms and parses natively, so a one-shot program neither loads undici
   * nor waits at exit for V8 to optimise its WebAssembly parser, and a
   * service keeps its connections (docs/decisions/0123). Not with `dispatcher`.
   * `undici` (default with `dispatcher`): a keep-alive `Pool` per origin, or the `dispatcher` given.
   */
  readonly transport?: ClientTransport;
  /** Overrides every service's endpoint; beats `AWS_ENDPOINT_URL_<SERVICE>` (docs/decisions/0050). */
  readonly endpoint?: string | URL | undefined;
  /** Default `process.env`. */
  readonly env?: Env;
  /** Reads the shared config files (the profile's region, the default chain's profile step); default the real file system. */
  readonly fs?: ReadFileFs;
  /** Overrides the home directory the shared config files are found in. */
  readonly homeDir?: string;
  /** Signing time and retry sleeps. Default the system clock. */
  readonly clock?: Clock;
  /** For the default retry strategy's jitter. */
  readonly random?: Random;
  /** Appended to the `user-agent` header. */
  readonly userAgent?: string;
  /** Sent as `x-rolecall-client`: the mock throttles and journals per client. */
  readonly clientId?: string;
  /** How long one attempt may take to get a complete answer, in ms on the client's clock (also the own pools' header and body timeouts). Default 10 000. */
  readonly requestTimeoutMs?: number;
  readonly onRetry?: (event: RetryEvent) => void;
}

/** How a client sends: the runtime's node:http with keep-alive agents (default) or undici's pool. @public */
export type ClientTransport = 'undici' | 'node:http';

const TRANSPORTS: readonly ClientTransport[] = ['undici', 'node:http'];

/**
 * What the signed client itself takes: {@link ClientOptions} with the
 * credentials already a provider. No provider: unsigned requests only (a
 * nested STS client for AssumeRoleWithWebIdentity). It builds no default
 * chain; the composition root (`createClient`) does (docs/decisions/0100).
 * @internal
 */
export interface SignedClientOptions extends Omit<ClientOptions, 'credentials'> {
  readonly credentials?: CredentialsProvider | undefined;
}

/** A signed AWS client. @public */
export interface AwsClient {
  /** Signs, sends and retries one request; resolves with a 2xx response or rejects with a typed error. */
  send(request: AwsRequest): Promise<AwsResponse>;
  /** The region and how it was found (resolved once). */
  region(): Promise<ResolvedRegion>;
  /** The endpoint a service's requests go to. */
  endpoint(service: string): Promise<ResolvedEndpoint>;
  /** Closes the client's own pools and agents (never an injected dispatcher). */
  close(): Promise<void>;
}

/** Codes the SDKs treat as "the caller's clock is off": correct the offset and try once more. */
const CLOCK_SKEW_CODES: ReadonlySet<string> = new Set([
  'AuthFailure', 'InvalidSignatureException', 'RequestExpired', 'RequestInTheFuture', 'RequestTimeTooSkewed', 'SignatureDoesNotMatch',
]);
const SKEW_THRESHOLD_MS = 5 * 60_000;
/**
 * Codes that say "these credentials have expired" (the Go SDK's
 * `credsExpiredCodes`): the cached credentials are dropped and the call is
 * sent once more with fresh ones (docs/decisions/0084).
 */
const EXPIRED_CREDENTIALS_CODES: ReadonlySet<string> = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);
/** Connections per origin (undici's pool) or per protocol (node:http's agent). */
const POOL_CONNECTIONS = 16;
/** An idle keep-alive connection is closed after this long, before servers tend to drop it. */
const IDLE_SOCKET_TIMEOUT_MS = 4_000;

let transportModule: Promise<Transport> | undefined;
/** The module once loaded: every call after the first skips the promise. */
let transportLoaded: Transport | undefined;
const loadTransport = (): Promise<Transport> => (transportModule ??= import('./transport.js').then((module) => (transportLoaded = module)));

/**
 * The signed client: resolves its region and endpoints lazily, signs with
 * SigV4 (aws4) using the credentials provider it is given, sends over undici
 * (or node:http, see `transport`) and retries through a retry strategy,
 * re-signing every attempt with a fresh date. It knows no credential
 * provider: `createClient` (the composition root) wires the default chain.
 * @internal
 */
export function createSignedClient(options: SignedClientOptions = {}): AwsClient {
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const files = { ...(options.fs === undefined ? {} : { fs: options.fs }), ...(options.homeDir === undefined ? {} : { homeDir: options.homeDir }) };
  const credentials: CredentialsProvider =
    options.credentials ??
    (async () => {
      throw new InvalidOptionError('credentials', 'this client was created without credentials and can only send unsigned requests; pass credentials');
    });
  const transportKind = options.transport ?? (options.dispatcher === undefined ? 'node:http' : 'undici');
  if (!TRANSPORTS.includes(transportKind)) {
    throw new InvalidOptionError('transport', `transport must be one of ${TRANSPORTS.map((t) => `'${t}'`).join(', ')}, got ${JSON.stringify(options.transport)}`);
  }
  if (transportKind === 'node:http' && options.dispatcher !== undefined) {
    throw new InvalidOptionError('transport', "transport 'node:http' cannot use a dispatcher (an undici Dispatcher); drop one of the two options");
  }
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  if (!(timeoutMs > 0)) throw new InvalidOptionError('requestTimeoutMs', `requestTimeoutMs must be a positive number of milliseconds, got ${timeoutMs}`);
  const userAgent = `rolecall/${VERSION} node/${process.versions.node}${options.userAgent === undefined ? '' : ` ${options.userAgent}`}`;
  const pools = new Map<string, Dispatcher>();
  const agents = new Map<string, Promise<Agent>>();
  const endpoints = new Map<string, ResolvedEndpoint>();
  let regionPromise: Promise<ResolvedRegion> | undefined;
  /** Server time minus our clock, learnt from the `Date` header of a skew or expired-credentials error. */
  let skewMs = 0;
  let closed = false;

  const region = (): Promise<ResolvedRegion> => {
    regionPromise ??= resolveRegion({
      // The library reads the profile's region as the CLI does (docs/decisions/0085).
      profileRegion: sharedConfigRegion({ env, ...files }),
      ...options.regionOptions,
      env,
      region: options.region,
      profile: options.profile,
    });
    // A failed resolution is not cached: the next call tries again.
    regionPromise.catch(() => (regionPromise = undefined));
    return regionPromise;
  };

  const endpoint = async (service: string): Promise<ResolvedEndpoint> => {
    const cached = endpoints.get(service);
    if (cached !== undefined) return cached;
    const resolved = resolveEndpoint({ service, region: (await region()).value, endpoint: options.endpoint, env });
    endpoints.set(service, resolved);
    return resolved;
  };

  // One strategy per client: its retry quota is shared by the client's calls.
  const ownStrategy = options.retry ?? createRolecallRetryStrategy({ clock, random: options.random ?? systemRandom });

  const dispatcherFor = (transport: Transport, origin: string): Dispatcher | 'node:http' => {
    if (options.dispatcher !== undefined) return options.dispatcher;
    if (transportKind === 'node:http') return 'node:http';
    let pool = pools.get(origin);
    if (pool === undefined) {
      pool = transport.createPool(origin, { headersTimeoutMs: timeoutMs, bodyTimeoutMs: timeoutMs });
      pools.set(origin, pool);
    }
    return pool;
  };

  const agentFor = async (transport: Transport, protocol: string): Promise<Agent | undefined> => {
    if (transportKind !== 'node:http') return undefined;
    let agent = agents.get(protocol);
    if (agent === undefined) {
      agent = transport.createAgent(protocol, { maxSockets: POOL_CONNECTIONS, idleTimeoutMs: IDLE_SOCKET_TIMEOUT_MS });
      agents.set(protocol, agent);
    }
    return agent;
  };

  type Outcome = { ok: RawResponse } | { error: AwsServiceError; skewCorrected: boolean; signedWith: Credentials | undefined };

  /** Credentials for one attempt; expiry judged on the server's clock as far as we know it. */
  const credentialsFor = (expired?: Credentials): Promise<Credentials> =>
    credentials({ clockSkewMs: skewMs, ...(expired === undefined ? {} : { forceRefresh: true, expired }) });

  /**
   * One attempt: sign with a fresh date (with `creds`, or what the provider
   * answers now), send, turn an error status into an {@link AwsServiceError}.
   */
  const attempt = async (transport: Transport, request: AwsRequest, target: ResolvedEndpoint, creds?: Credentials): Promise<Outcome> => {
    const method = request.method ?? 'POST';
    const basePath = target.url.pathname === '/' ? '' : target.url.pathname.replace(/\/+$/, '');
    const path = `${basePath}${request.path ?? '/'}`;
    const body = request.body ?? '';
    let headers: Record<string, string> = {
      'user-agent': userAgent,
      ...(options.clientId === undefined ? {} : { 'x-rolecall-client': options.clientId }),
      ...request.headers,
    };
    if (body !== '' && headers['content-type'] === undefined) headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
    let signedWith: Credentials | undefined;
    if (request.signed !== false) {
      signedWith = creds ?? (await credentialsFor());
    }
    const signingTimeMs = clock.now() + skewMs;
    if (signedWith !== undefined) {
      headers = transport.signRequest({ method, url: target.url, path, headers, body, service: request.service, region: target.signingRegion, credentials: signedWith, signingTimeMs });
    } else {
      headers['host'] = target.url.host;
    }
    const agent = await agentFor(transport, target.url.protocol);
    const response = await withRequestTimeout({ clock, timeoutMs, signal: request.signal, origin: target.url.origin, detail: `no complete answer within ${timeoutMs} ms (requestTimeoutMs)` }, (signal) =>
      transport.sendOnce({ dispatcher: dispatcherFor(transport, target.url.origin), agent, origin: target.url.origin, url: target.url, path, method, headers, body, signal }),
    );
    if (response.statusCode >= 200 && response.statusCode < 300) return { ok: response };
    const parsed = parseAwsError(response.headers, response.body);
    const info = classifyResponse({ statusCode: response.statusCode, headers: response.headers, ...(parsed.code === undefined ? {} : { errorCode: parsed.code }) }, clock.now());
    const awsCode = parsed.code ?? String(response.statusCode);
    const error = new AwsServiceError({
      awsCode,
      awsMessage: parsed.message,
      statusCode: response.statusCode,
      requestId: parsed.requestId,
      service: request.service,
      action: request.action,
      errorClass: info?.errorClass ?? 'non-retryable',
      retryAfterMs: info?.retryAfterMs,
    });
    return { error, skewCorrected: correctSkew(awsCode, response.headers, signingTimeMs), signedWith };
  };

  /**
   * Learns the server's time from the `Date` header of a skew error or an
   * expired-credentials error (whose expiry is the server's to judge); true
   * when a skew error moved the offset (worth one more try).
   */
  const correctSkew = (awsCode: string, headers: Readonly<Record<string, string | string[] | undefined>>, signedAtMs: number): boolean => {
    const skewError = CLOCK_SKEW_CODES.has(awsCode);
    if (!skewError && !EXPIRED_CREDENTIALS_CODES.has(awsCode)) return false;
    const date = headers['date'];
    const serverMs = Date.parse(Array.isArray(date) ? (date[0] ?? '') : (date ?? ''));
    if (Number.isNaN(serverMs) || Math.abs(serverMs - signedAtMs) < SKEW_THRESHOLD_MS) return false;
    skewMs = serverMs - clock.now();
    return skewError;
  };

  const send = async (request: AwsRequest): Promise<AwsResponse> => {
    if (closed) throw new InvalidOptionError('client', 'this client was closed; create a new one');
    // Both known after the first call: no promise per call (bench/client.bench.mjs).
    let transport = transportLoaded;
    let target = endpoints.get(request.service);
    if (transport === undefined || target === undefined) [transport, target] = await Promise.all([loadTransport(), endpoint(request.service)]);
    let skewRetried = false;
    let refreshed = false;
    /**
     * One attempt as the retry engine sees it. Inside it, once per call each
     * and without a retry token: a clock-skew error is re-signed at once
     * (decision 0054); an expired-credentials error drops the cached
     * credentials and sends again with fresh ones (decision 0084).
     */
    const once = async (): Promise<RawResponse> => {
      let outcome = await attempt(transport, request, target);
      while (!('ok' in outcome)) {
        if (outcome.skewCorrected && !skewRetried) {
          skewRetried = true;
          outcome = await attempt(transport, request, target);
        } else if (outcome.signedWith !== undefined && EXPIRED_CREDENTIALS_CODES.has(outcome.error.awsCode) && !refreshed) {
          refreshed = true;
          const fresh = await credentialsFor(outcome.signedWith);
          // The same session again (static keys): sending it again cannot help.
          if (sameSession(fresh, outcome.signedWith)) throw outcome.error;
          outcome = await attempt(transport, request, target, fresh);
        } else {
          throw outcome.error;
        }
      }
      return outcome.ok;
    };
    // The engine classifies our errors by their `errorClass`, sleeps on our
    // clock, and gives up with a typed error naming the last AWS code.
    const { value, attempts, totalDelayMs } = await retryWithStats(once, {
      strategy: ownStrategy,
      clock,
      scope: `${request.service}-${target.signingRegion}`,
      ...(request.signal === undefined ? {} : { signal: request.signal }),
      ...(options.onRetry === undefined
        ? {}
        : {
            onRetry: (r: RetryRecord) =>
              options.onRetry?.(
                Object.freeze({ service: request.service, action: request.action, attempt: r.attempt, delayMs: r.delayMs, errorClass: r.errorInfo.errorClass, code: r.errorInfo.code, error: r.error }),
              ),
          }),
    });
    return {
      ...value,
      $metadata: { httpStatusCode: value.statusCode, requestId: requestIdOf(value.headers), attempts: attempts + (skewRetried ? 1 : 0) + (refreshed ? 1 : 0), totalRetryDelayMs: totalDelayMs },
    };
  };

  return {
    send,
    region,
    endpoint,
    async close() {
      closed = true;
      const own = [...pools.values()];
      const ownAgents = [...agents.values()];
      pools.clear();
      agents.clear();
      for (const agent of await Promise.all(ownAgents)) agent.destroy();
      await Promise.all(own.map((pool) => pool.close()));
    },
  };
}
