import type { Dispatcher } from 'undici';
import type { Env } from '../config/Env.js';
import { envValue } from '../config/Env.js';
import { nodeReadFileFs } from '../config/loadSharedConfig.js';
import type { ReadFileFs } from '../config/loadSharedConfig.js';
import { CredentialsNotConfiguredError, CredentialsProviderError, ImdsError, NetworkError } from '../errors.js';
import { httpRequest } from '../imds/httpRequest.js';
import type { HttpAnswer } from '../imds/httpRequest.js';
import { parseCredentialsDocument } from '../imds/parseCredentialsDocument.js';
import { DEFAULT_METADATA_MAX_ATTEMPTS, isTransientStatus, retryMetadataRequest } from '../imds/retryMetadataRequest.js';
import type { Random } from '../random/random.js';
import { systemRandom } from '../random/random.js';
import type { Clock } from '../time/clock.js';
import { systemClock } from '../time/clock.js';
import { describeCredentials, named } from './chain.js';
import type { NamedProvider, ProviderContext } from './chain.js';
import type { Credentials } from '../identity/Credentials.js';

/** The ECS agent's address for `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`. @public */
export const ECS_CONTAINER_HOST = 'http://169.254.170.2';

/** Plain-http hosts allowed in `AWS_CONTAINER_CREDENTIALS_FULL_URI` (https: any host). @public */
export const CONTAINER_HTTP_HOSTS: readonly string[] = ['localhost', '[::1]', '169.254.170.2', '169.254.170.23', '[fd00:ec2::23]'];

/** @public */
export interface FromContainerOptions {
  readonly env?: Env;
  /** Reads `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (default node:fs). */
  readonly fs?: ReadFileFs;
  readonly dispatcher?: Dispatcher;
  readonly clock?: Clock;
  /** Jitter of the backoff between attempts (default `Math.random`). */
  readonly random?: Random;
  /** Per request; default 1000 ms. */
  readonly timeoutMs?: number;
  /** Default 3: 5xx, 429 and connection failures are retried with a jittered backoff (docs/decisions/0081). */
  readonly maxAttempts?: number;
  /** Extra headers (e.g. `x-rolecall-client`). */
  readonly headers?: Readonly<Record<string, string>>;
}

function isAllowedHttpHost(hostname: string): boolean {
  if (CONTAINER_HTTP_HOSTS.includes(hostname.toLowerCase())) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * The container credentials URL per `packages/core/test/conformance/ecs-tests.json`:
 * RELATIVE_URI (at 169.254.170.2) wins over FULL_URI; a FULL_URI over plain
 * http must name a loopback, ECS or EKS Pod Identity host. Throws
 * {@link CredentialsNotConfiguredError} when neither variable is set and
 * {@link CredentialsProviderError} for a URI that is not allowed.
 * @public
 */
export function resolveContainerUri(env: Env): string {
  const relative = envValue(env, 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI');
  if (relative !== undefined) return `${ECS_CONTAINER_HOST}${relative.startsWith('/') ? '' : '/'}${relative}`;
  const full = envValue(env, 'AWS_CONTAINER_CREDENTIALS_FULL_URI');
  if (full === undefined) {
    throw new CredentialsNotConfiguredError('container', 'No environment variables were set to configure ECS provider (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, _FULL_URI)', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or AWS_CONTAINER_CREDENTIALS_FULL_URI');
  }
  let url: URL;
  try {
    url = new URL(full);
  } catch {
    throw new CredentialsProviderError('container', `AWS_CONTAINER_CREDENTIALS_FULL_URI=${JSON.stringify(full)}: URI did not specify a host; use a full URL such as http://127.0.0.1:1338/credentials`);
  }
  if (url.protocol === 'https:') return full;
  if (url.protocol !== 'http:') throw new CredentialsProviderError('container', `AWS_CONTAINER_CREDENTIALS_FULL_URI must be http or https, got ${url.protocol}`);
  if (!isAllowedHttpHost(url.hostname)) {
    throw new CredentialsProviderError(
      'container',
      `AWS_CONTAINER_CREDENTIALS_FULL_URI host ${url.hostname} is not allowed over plain http (allowed: 127.0.0.0/8, ${CONTAINER_HTTP_HOSTS.join(', ')}); use https or a loopback address`,
    );
  }
  return full;
}

async function authorization(env: Env, fs: ReadFileFs): Promise<string | undefined> {
  const file = envValue(env, 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE');
  let token: string | undefined;
  let origin: string;
  if (file !== undefined) {
    origin = `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (${file})`;
    try {
      token = (await fs.readFile(file)).trim();
    } catch (error) {
      throw new CredentialsProviderError('container', `cannot read ${origin}: ${(error as { code?: string }).code ?? String(error)}`, { cause: error });
    }
  } else {
    origin = 'AWS_CONTAINER_AUTHORIZATION_TOKEN';
    token = envValue(env, 'AWS_CONTAINER_AUTHORIZATION_TOKEN');
  }
  if (token !== undefined && /[\r\n]/.test(token)) throw new CredentialsProviderError('container', `the token from ${origin} contains a line break; it must be one line`);
  return token;
}

/**
 * Credentials from the ECS agent or the EKS Pod Identity agent
 * (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` / `_FULL_URI`, with
 * `AWS_CONTAINER_AUTHORIZATION_TOKEN` or `_TOKEN_FILE`; the file wins).
 * Skipped when neither URI is set.
 *
 * @example
 * ```ts
 * const credentials = await fromContainer({ env: process.env })();
 * ```
 * @public
 */
export function fromContainer(options: FromContainerOptions = {}): NamedProvider & { readonly providerName: string } {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? systemRandom;
  return named('container', async (context?: ProviderContext): Promise<Credentials> => {
    const env = options.env ?? process.env;
    const url = resolveContainerUri(env);
    const token = await authorization(env, options.fs ?? nodeReadFileFs);
    const maxAttempts = options.maxAttempts ?? DEFAULT_METADATA_MAX_ATTEMPTS;
    const signal = context?.signal;
    const where = new URL(url).host;
    let attempts = 0;
    let answer: HttpAnswer;
    try {
      answer = await retryMetadataRequest(
        (attempt) => {
          attempts = attempt;
          return httpRequest({
            url,
            method: 'GET',
            headers: { ...options.headers, ...(token === undefined ? {} : { authorization: token }) },
            timeoutMs: options.timeoutMs ?? 1000,
            clock,
            dispatcher: options.dispatcher,
            signal,
          });
        },
        { maxAttempts, clock, random, signal },
      );
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      throw new CredentialsProviderError('container', `${where} did not answer (${error.errno ?? error.kind}) after ${attempts} attempt(s)`, { cause: error });
    }
    if (answer.status === 200) {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(answer.body) as Record<string, unknown>;
      } catch (error) {
        throw new CredentialsProviderError('container', `${where} answered 200 with a body that is not JSON`, { cause: error });
      }
      try {
        const credentials = { ...parseCredentialsDocument(body, url), source: 'container' as const };
        return describeCredentials(credentials, `credentials from ${where}${typeof body['RoleArn'] === 'string' ? ` for ${body['RoleArn']}` : ''}`);
      } catch (error) {
        throw new CredentialsProviderError('container', error instanceof ImdsError ? error.message.replace(url, where) : String(error), { cause: error });
      }
    }
    let code = '';
    try {
      const parsed = JSON.parse(answer.body) as { code?: unknown; message?: unknown };
      code = typeof parsed.code === 'string' ? ` ${parsed.code}` : '';
    } catch {
      // Not JSON: the status says enough.
    }
    const failure = `${where} answered HTTP ${answer.status}${code}`;
    if (answer.status === 401 || answer.status === 403) {
      throw new CredentialsProviderError('container', `${failure}: the authorization token was refused; check AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE)`);
    }
    throw new CredentialsProviderError('container', isTransientStatus(answer.status) ? `${failure} after ${attempts} attempt(s)` : failure);
  });
}
