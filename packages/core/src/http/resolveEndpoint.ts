import { envValue, type Env } from '../config/Env.js';
import { InvalidOptionError } from '../errors.js';

/** Where an endpoint came from; precedence in docs/decisions/0050. @public */
export type EndpointSource = 'explicit' | `env:AWS_ENDPOINT_URL_${string}` | 'env:AWS_ENDPOINT_URL' | 'regional' | 'global';

/** @public */
export interface ResolvedEndpoint {
  /** Base URL; requests append their path to its pathname. */
  readonly url: URL;
  /** The region the request is signed for (the client's, or `us-east-1` for the global STS endpoint). */
  readonly signingRegion: string;
  readonly source: EndpointSource;
}

/** @public */
export interface ResolveEndpointOptions {
  /** The service's signing name, e.g. `sts`. */
  readonly service: string;
  readonly region: string;
  /** The client's `endpoint` option: wins over the environment, as in the SDKs. */
  readonly endpoint?: string | URL | undefined;
  readonly env?: Env;
}

/** The regions whose STS traffic `AWS_STS_REGIONAL_ENDPOINTS=legacy` sends to the global endpoint (the SDKs' list). */
const STS_LEGACY_GLOBAL_REGIONS: ReadonlySet<string> = new Set([
  'ap-northeast-1', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'aws-global', 'ca-central-1', 'eu-central-1',
  'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
]);

/** `AWS_ENDPOINT_URL_<SERVICE>`: the service id upper-cased, spaces and hyphens as underscores. @public */
export function serviceEndpointVariable(service: string): string {
  return `AWS_ENDPOINT_URL_${service.toUpperCase().replace(/[\s-]+/g, '_')}`;
}

function parseEndpoint(value: string | URL, from: string): URL {
  let url: URL;
  try {
    url = value instanceof URL ? new URL(value.href) : new URL(value);
  } catch (cause) {
    throw new InvalidOptionError(from, `${from}=${JSON.stringify(String(value))} is not a URL; give one such as http://127.0.0.1:1338 or https://sts.eu-west-1.amazonaws.com`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidOptionError(from, `${from} must be an http or https URL, got ${url.protocol}`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new InvalidOptionError(from, `${from} must not carry a query or fragment: ${url.href}`);
  }
  return url;
}

function dnsSuffix(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/**
 * Resolves the endpoint for one service: the client's `endpoint` option →
 * `AWS_ENDPOINT_URL_<SERVICE>` → `AWS_ENDPOINT_URL` → the default
 * (`https://<service>.<region>.amazonaws.com`; for STS the global endpoint
 * only with `AWS_STS_REGIONAL_ENDPOINTS=legacy`). `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`
 * turns the variables off. An override keeps the client's region for signing.
 *
 * @example
 * ```ts
 * resolveEndpoint({ service: 'sts', region: 'eu-west-1', env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1338' } });
 * // { url: http://127.0.0.1:1338/, signingRegion: 'eu-west-1', source: 'env:AWS_ENDPOINT_URL_STS' }
 * ```
 * @public
 */
export function resolveEndpoint(options: ResolveEndpointOptions): ResolvedEndpoint {
  const { service, region } = options;
  const env = options.env ?? process.env;
  if (options.endpoint !== undefined) {
    return { url: parseEndpoint(options.endpoint, 'endpoint'), signingRegion: region, source: 'explicit' };
  }
  if (envValue(env, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS')?.toLowerCase() !== 'true') {
    const serviceVariable = serviceEndpointVariable(service);
    const serviceValue = envValue(env, serviceVariable);
    if (serviceValue !== undefined) {
      return { url: parseEndpoint(serviceValue, serviceVariable), signingRegion: region, source: `env:${serviceVariable}` as EndpointSource };
    }
    const globalValue = envValue(env, 'AWS_ENDPOINT_URL');
    if (globalValue !== undefined) {
      return { url: parseEndpoint(globalValue, 'AWS_ENDPOINT_URL'), signingRegion: region, source: 'env:AWS_ENDPOINT_URL' };
    }
  }
  if (service === 'sts' && envValue(env, 'AWS_STS_REGIONAL_ENDPOINTS')?.toLowerCase() === 'legacy' && STS_LEGACY_GLOBAL_REGIONS.has(region)) {
    return { url: new URL('https://sts.amazonaws.com/'), signingRegion: 'us-east-1', source: 'global' };
  }
  // IAM is global in the aws partition: one endpoint, signed for us-east-1.
  if (service === 'iam' && dnsSuffix(region) === 'amazonaws.com' && !region.startsWith('us-gov-')) {
    return { url: new URL('https://iam.amazonaws.com/'), signingRegion: 'us-east-1', source: 'global' };
  }
  return { url: new URL(`https://${service}.${region}.${dnsSuffix(region)}/`), signingRegion: region, source: 'regional' };
}
