import { describe, expect, it } from 'vitest';
import { resolveEndpoint, serviceEndpointVariable } from './resolveEndpoint.js';
import { InvalidOptionError } from '../errors.js';

const sts = (env: Record<string, string>, extra: { endpoint?: string; region?: string } = {}) =>
  resolveEndpoint({ service: 'sts', region: extra.region ?? 'eu-west-1', env, ...(extra.endpoint === undefined ? {} : { endpoint: extra.endpoint }) });

describe('resolveEndpoint', () => {
  it('defaults to the regional endpoint, signed for the region', () => {
    const e = sts({});
    expect([e.url.href, e.signingRegion, e.source]).toEqual(['https://sts.eu-west-1.amazonaws.com/', 'eu-west-1', 'regional']);
    expect(sts({}, { region: 'cn-north-1' }).url.host).toBe('sts.cn-north-1.amazonaws.com.cn');
  });

  it('orders explicit option > AWS_ENDPOINT_URL_STS > AWS_ENDPOINT_URL', () => {
    const env = { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1338', AWS_ENDPOINT_URL: 'http://127.0.0.1:9999' };
    expect(sts(env, { endpoint: 'http://localhost:4566' }).source).toBe('explicit');
    const fromService = sts(env);
    expect([fromService.url.origin, fromService.source, fromService.signingRegion]).toEqual(['http://127.0.0.1:1338', 'env:AWS_ENDPOINT_URL_STS', 'eu-west-1']);
    expect(sts({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9999' }).source).toBe('env:AWS_ENDPOINT_URL');
  });

  it('ignores the variables when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true, and blank ones always', () => {
    expect(sts({ AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1338', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }).source).toBe('regional');
    expect(sts({ AWS_ENDPOINT_URL_STS: ' ' }).source).toBe('regional');
  });

  it('uses the global STS endpoint, signed for us-east-1, only for legacy regions under AWS_STS_REGIONAL_ENDPOINTS=legacy', () => {
    const legacy = sts({ AWS_STS_REGIONAL_ENDPOINTS: 'legacy' });
    expect([legacy.url.host, legacy.signingRegion, legacy.source]).toEqual(['sts.amazonaws.com', 'us-east-1', 'global']);
    expect(sts({ AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }, { region: 'ap-east-1' }).source).toBe('regional');
    expect(sts({ AWS_STS_REGIONAL_ENDPOINTS: 'regional' }).source).toBe('regional');
  });

  it('keeps a path prefix and rejects what cannot be an endpoint', () => {
    expect(sts({ AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1338/aws/' }).url.pathname).toBe('/aws/');
    expect(() => sts({ AWS_ENDPOINT_URL_STS: '127.0.0.1:1338' })).toThrow(InvalidOptionError);
    expect(() => sts({ AWS_ENDPOINT_URL_STS: 'ftp://example.com' })).toThrow(/http or https/);
    expect(() => sts({}, { endpoint: 'http://x/?a=1' })).toThrow(/query/);
  });
});

describe('serviceEndpointVariable', () => {
  it('upper-cases and underscores the service id', () => {
    expect(serviceEndpointVariable('sts')).toBe('AWS_ENDPOINT_URL_STS');
    expect(serviceEndpointVariable('elastic load-balancing')).toBe('AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING');
  });

  it('IAM is global in the aws partition (signed for us-east-1) and follows AWS_ENDPOINT_URL_IAM', () => {
    expect(resolveEndpoint({ service: 'iam', region: 'eu-west-1', env: {} })).toEqual({ url: new URL('https://iam.amazonaws.com/'), signingRegion: 'us-east-1', source: 'global' });
    expect(resolveEndpoint({ service: 'iam', region: 'cn-north-1', env: {} }).url.host).toBe('iam.cn-north-1.amazonaws.com.cn');
    expect(resolveEndpoint({ service: 'iam', region: 'eu-west-1', env: { AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:1338' } }).source).toBe('env:AWS_ENDPOINT_URL_IAM');
  });
});
