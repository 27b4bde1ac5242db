import type { Env } from '../config/Env.js';
import { envValue } from '../config/Env.js';
import { InvalidOptionError } from '../errors.js';

/** @public */
export type ImdsEndpointMode = 'IPv4' | 'IPv6';

/** @public */
export const IMDS_IPV4_ENDPOINT = 'http://169.254.169.254';
/** @public */
export const IMDS_IPV6_ENDPOINT = 'http://[fd00:ec2::254]';

/** Where the endpoint came from, for explain output. @public */
export interface ResolvedImdsEndpoint {
  /** Base URL without a trailing slash, e.g. `http://169.254.169.254`. */
  readonly endpoint: string;
  /** `option`, `env:AWS_EC2_METADATA_SERVICE_ENDPOINT`, `profile:NAME`, `mode:IPv6 (from ...)`, `default`. */
  readonly source: string;
}

/** @public */
export interface ResolveImdsEndpointOptions {
  readonly endpoint?: string | undefined;
  readonly endpointMode?: string | undefined;
  readonly env?: Env;
  /** The selected profile's settings (`ec2_metadata_service_endpoint`, `..._mode`). */
  readonly profile?: { readonly name: string; readonly properties: ReadonlyMap<string, string> } | undefined;
}

function parseMode(value: string, source: string): ImdsEndpointMode {
  // Case-insensitive like botocore, Go and Rust (JS demands exact case): docs/decisions/0063.
  const lower = value.trim().toLowerCase();
  if (lower === 'ipv4') return 'IPv4';
  if (lower === 'ipv6') return 'IPv6';
  throw new InvalidOptionError('endpointMode', `\`${value}\` is not a valid endpoint mode (from ${source}); use IPv4 or IPv6`);
}

function checkEndpoint(value: string, source: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new InvalidOptionError('endpoint', `IMDS endpoint ${JSON.stringify(value)} from ${source} is not a URL (invalid uri character or missing scheme); use e.g. http://169.254.169.254`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidOptionError('endpoint', `IMDS endpoint ${JSON.stringify(value)} from ${source} must be http or https`);
  }
  return value.trim().replace(/\/+$/, '');
}

/**
 * Picks the IMDS endpoint per `packages/core/test/conformance/imds-endpoint-tests.json`: an
 * explicit endpoint, then `AWS_EC2_METADATA_SERVICE_ENDPOINT`, then the
 * profile's `ec2_metadata_service_endpoint`, then the mode (explicit, env,
 * profile) mapped to the IPv4 or IPv6 address.
 * @public
 */
export function resolveImdsEndpoint(options: ResolveImdsEndpointOptions = {}): ResolvedImdsEndpoint {
  const env = options.env ?? process.env;
  if (options.endpoint !== undefined) return { endpoint: checkEndpoint(options.endpoint, 'option endpoint'), source: 'option' };
  const envEndpoint = envValue(env, 'AWS_EC2_METADATA_SERVICE_ENDPOINT');
  if (envEndpoint !== undefined) {
    return { endpoint: checkEndpoint(envEndpoint, 'AWS_EC2_METADATA_SERVICE_ENDPOINT'), source: 'env:AWS_EC2_METADATA_SERVICE_ENDPOINT' };
  }
  const profileEndpoint = options.profile?.properties.get('ec2_metadata_service_endpoint');
  if (profileEndpoint !== undefined && profileEndpoint !== '' && options.profile !== undefined) {
    return { endpoint: checkEndpoint(profileEndpoint, `profile ${options.profile.name}`), source: `profile:${options.profile.name}` };
  }
  const envMode = envValue(env, 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE');
  const profileMode = options.profile?.properties.get('ec2_metadata_service_endpoint_mode');
  const [modeText, modeSource] =
    options.endpointMode !== undefined
      ? [options.endpointMode, 'option endpointMode']
      : envMode !== undefined
        ? [envMode, 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE']
        : profileMode !== undefined && profileMode !== ''
          ? [profileMode, `profile ${options.profile?.name ?? ''}`]
          : [undefined, 'default'];
  const mode = modeText === undefined ? 'IPv4' : parseMode(modeText, modeSource);
  return { endpoint: mode === 'IPv6' ? IMDS_IPV6_ENDPOINT : IMDS_IPV4_ENDPOINT, source: modeText === undefined ? 'default' : `mode:${mode} (${modeSource})` };
}
