import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { createKeyStore, type IssuedKey, type KeyStore } from '../domain/KeyStore.js';
import type { MockRole, MockUser, ResolvedMockConfig } from '../domain/MockConfig.js';
import type { MockRequest } from '../domain/MockRequest.js';
import { seededRandom } from '../domain/random.js';
import { stsUserId } from './principalIds.js';
import type { StsContext } from './StsService.js';

/**
 * A small, complete STS context for unit tests: a literal configuration (no
 * `resolveConfig` needed), a key store holding the configured users and a
 * virtual clock that only moves when told.
 * @internal Test support only; not exported from the package entry point.
 */

/** The virtual clock's start, 2026-11-28T02:00:00Z. @internal */
export const TEST_START_MS = Date.UTC(2026, 10, 28, 2, 0, 0);

/** @internal */
export const TEST_ACCOUNT = '123456789012';

/** Fake keys in the AWS documentation style. @internal */
export const TEST_USER: MockUser = { name: 'alice', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
/** @internal */
export const TEST_OTHER_USER: MockUser = { name: 'mallory', accessKeyId: 'AKIAI44QH8DHBEXAMPLE', secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY' };

/** @internal */
export const TEST_ROLES: readonly MockRole[] = [
  { name: 'Deploy', trust: [`arn:aws:iam::${TEST_ACCOUNT}:user/alice`, `arn:aws:iam::${TEST_ACCOUNT}:role/app`], maxSessionDurationS: 7200, webIdentity: false },
  { name: 'app', trust: [`arn:aws:iam::${TEST_ACCOUNT}:user/*`], maxSessionDurationS: 43_200, webIdentity: false },
  { name: 'ci', trust: [], maxSessionDurationS: 3600, webIdentity: true },
];

/** @internal */
export function testConfig(overrides: Partial<ResolvedMockConfig> = {}): ResolvedMockConfig {
  return {
    seed: 7,
    startTime: new Date(TEST_START_MS).toISOString(),
    account: TEST_ACCOUNT,
    instance: {
      instanceId: 'i-0123456789abcdef0',
      instanceType: 't3.micro',
      amiId: 'ami-0123456789abcdef0',
      hostname: 'ip-10-0-0-12.ec2.internal',
      localIpv4: '10.0.0.12',
      publicIpv4: '203.0.113.12',
      mac: '0e:00:00:00:00:01',
      region: 'us-east-1',
      availabilityZone: 'us-east-1a',
      role: 'app',
      httpTokens: 'required',
      httpEndpoint: 'enabled',
      hopLimit: 1,
      tags: null,
      userData: null,
      credentialLifetimeS: 21_600,
      rotateBeforeS: 900,
      serveExpiredCredentials: false,
      spotAction: null,
      scheduledEvents: [],
      hops: {},
      subnetIpv4CidrBlock: '10.0.0.0/24',
      vpcIpv4CidrBlocks: ['10.0.0.0/16'],
    },
    container: {
      enabled: true,
      path: '/v2/credentials/rolecall-task',
      authorizationToken: 'rolecall-test-token',
      role: 'app',
      credentialLifetimeS: 21_600,
      rps: 10,
      burst: 15,
    },
    users: [TEST_USER, TEST_OTHER_USER],
    roles: TEST_ROLES,
    verifySignatures: true,
    maxSkewS: 300,
    faults: {},
    ...overrides,
  };
}

/** @internal */
export interface TestStsContext {
  readonly ctx: StsContext;
  readonly keys: KeyStore;
  /** Moves the virtual clock forward. */
  advance(ms: number): void;
  /** Issues instance-role credentials the way the core's IMDS does. */
  instanceRoleKey(expiresInMs?: number): IssuedKey;
}

/** @internal */
export function createTestStsContext(overrides: Partial<ResolvedMockConfig> = {}): TestStsContext {
  const config = testConfig(overrides);
  const random = seededRandom(config.seed);
  const keys = createKeyStore(random);
  for (const user of config.users) {
    keys.add({
      accessKeyId: user.accessKeyId,
      secretAccessKey: user.secretAccessKey,
      identity: { kind: 'user', account: config.account, arn: `arn:aws:iam::${config.account}:user/${user.name}`, userId: stsUserId(config.account, user.name) },
      issuedBy: 'config',
    });
  }
  let now = TEST_START_MS;
  const ctx: StsContext = { config, keys, now: () => now, random };
  return {
    ctx,
    keys,
    advance(ms) {
      now += ms;
    },
    instanceRoleKey(expiresInMs = 6 * 3600_000) {
      const { account, instance } = config;
      const role = instance.role ?? 'app';
      return keys.issue({
        identity: {
          kind: 'instance-role',
          account,
          arn: `arn:aws:sts::${account}:assumed-role/${role}/${instance.instanceId}`,
          userId: `AROAEXAMPLEROLEID0001:${instance.instanceId}`,
          roleName: role,
          sessionName: instance.instanceId,
        },
        expiresAtMs: now + expiresInMs,
        issuedBy: 'imds',
      });
    },
  };
}

/** @internal */
export interface SignedRequestOptions {
  readonly key: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string | undefined };
  /** Form body, e.g. `Action=GetCallerIdentity&Version=2011-06-15`. */
  readonly body: string;
  /** Signing time, epoch ms (defaults to the test clock's start). */
  readonly signedAtMs?: number;
  readonly region?: string;
  readonly host?: string;
}

/** A POST signed with `@smithy/signature-v4`, as a {@link MockRequest}. @internal */
export async function signedRequest(options: SignedRequestOptions): Promise<MockRequest> {
  const host = options.host ?? '127.0.0.1:1338';
  const signer = new SignatureV4({
    credentials: { accessKeyId: options.key.accessKeyId, secretAccessKey: options.key.secretAccessKey, ...(options.key.sessionToken ? { sessionToken: options.key.sessionToken } : {}) },
    region: options.region ?? 'us-east-1',
    service: 'sts',
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: host,
      path: '/',
      headers: { host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: options.body,
    },
    { signingDate: new Date(options.signedAtMs ?? TEST_START_MS) },
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = value;
  return { method: 'POST', path: '/', headers, body: new TextEncoder().encode(options.body), client: 'test', host };
}

/** An unsigned request, for unsigned actions and bad-input tests. @internal */
export function plainRequest(body: string, init: { method?: string; path?: string; headers?: Record<string, string> } = {}): MockRequest {
  return {
    method: init.method ?? 'POST',
    path: init.path ?? '/',
    headers: { host: '127.0.0.1:1338', 'content-type': 'application/x-www-form-urlencoded', ...init.headers },
    body: new TextEncoder().encode(body),
    client: 'test',
    host: '127.0.0.1:1338',
  };
}
