import type {
  FaultPlan, MockConfig, MockContainer, MockInstance, MockRole, MockUser, ResolvedMockConfig,
} from './MockConfig.js';
import { MAX_CLOCK_MS, MIN_CLOCK_MS } from './createMockClock.js';
import { MockConfigError } from './MockConfigError.js';
import { validateFaultPlan } from './validateFaultPlan.js';
import {
  boolField, enumField, fail, intField, isRecord, isoField, join, objectField, stringField, stringRecordField,
} from './validate.js';

const C = 'ERR_ROLECALL_MOCK_CONFIG';

/** The default account of the mock. @public */
export const DEFAULT_ACCOUNT = '123456789012';
/** Where the virtual clock starts by default. @public */
export const DEFAULT_START_TIME = '2026-11-28T00:00:00Z';

const TOP_FIELDS = ['seed', 'startTime', 'account', 'instance', 'container', 'users', 'roles', 'verifySignatures', 'maxSkewS', 'faults'] as const;
const INSTANCE_FIELDS = [
  'instanceId', 'instanceType', 'amiId', 'hostname', 'localIpv4', 'publicIpv4', 'mac', 'region', 'availabilityZone', 'role',
  'httpTokens', 'httpEndpoint', 'hopLimit', 'tags', 'userData', 'credentialLifetimeS', 'rotateBeforeS',
  'serveExpiredCredentials', 'spotAction', 'scheduledEvents', 'hops', 'subnetIpv4CidrBlock', 'vpcIpv4CidrBlocks',
] as const;
const CONTAINER_FIELDS = ['enabled', 'path', 'authorizationToken', 'role', 'credentialLifetimeS', 'rps', 'burst'] as const;
const USER_FIELDS = ['name', 'accessKeyId', 'secretAccessKey'] as const;
const ROLE_FIELDS = ['name', 'trust', 'maxSessionDurationS', 'webIdentity'] as const;

/**
 * The default IMDS bucket per client: an instance may send 1024 packets/s per
 * interface to link-local services (IMDS, the Amazon DNS server, time sync);
 * an HTTP GET on a fresh connection costs it about 4 (SYN, ACK + request, ACK
 * of the answer, FIN), so 256 requests/s, with one second of them as burst
 * (docs/decisions/0095).
 * @public
 */
export const DEFAULT_IMDS_THROTTLE = { rps: 256, burst: 256, per: 'client', rejectCost: 0 } as const;

const NAME = /^[\w+=,.@-]{1,64}$/;
const NAME_HINT = 'an IAM name of 1 to 64 letters, digits or +=,.@_-';
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const MIN_ROTATE_BEFORE_S = 300;
const CIDR = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\/(?:3[0-2]|[12]?\d)$/;
const CIDR_HINT = 'an IPv4 CIDR block such as "10.0.0.0/16"';

/**
 * Fills every default of a mock configuration and checks each field. The
 * defaults describe a realistic EC2 instance (`i-0abc1234def567890`, t3.micro
 * in us-east-1a) with the role `rolecall-app-role` behind IMDSv2-only
 * metadata (hop limit 2: docs/decisions/0010), credentials that live 6 h and
 * rotate 15 min before expiry (docs/decisions/0011), a container endpoint at
 * `/v2/credentials/rolecall-task`, the IAM user `alice`
 * (`AKIAIOSFODNN7EXAMPLE`), the role `rolecall-deploy` that users and role
 * sessions of the account may assume, and the web-identity role
 * `rolecall-web`.
 *
 * @throws {MockConfigError} naming the field, e.g.
 *   `instance.hopLimit must be an integer from 1 to 64, got 0`.
 * @example
 * ```ts
 * const config = resolveConfig({ instance: { httpTokens: 'optional' } });
 * config.instance.role; // 'rolecall-app-role'
 * ```
 * @public
 */
export function resolveConfig(config: MockConfig = {}): ResolvedMockConfig {
  const raw = objectField(C, '', config, TOP_FIELDS);
  const account = stringField(C, 'account', raw['account'], DEFAULT_ACCOUNT, /^\d{12}$/, 'a 12-digit account id');
  const instance = resolveInstance(raw['instance']);
  const roles = resolveRoles(raw['roles'], account, instance.role);
  if (instance.role !== null && !roles.some((r) => r.name === instance.role)) {
    roles.unshift({ name: instance.role, trust: ['ec2.amazonaws.com'], maxSessionDurationS: 3600, webIdentity: false });
  }
  const faults: FaultPlan = validateFaultPlan(raw['faults'], 'faults', C);
  return {
    seed: intField(C, 'seed', raw['seed'], 0, 0xffff_ffff, 1),
    startTime: startTimeField(raw['startTime']),
    account,
    instance,
    container: resolveContainer(raw['container']),
    users: resolveUsers(raw['users']),
    roles,
    verifySignatures: boolField(C, 'verifySignatures', raw['verifySignatures'], true),
    maxSkewS: intField(C, 'maxSkewS', raw['maxSkewS'], 0, 86_400, 900),
    faults: {
      ...faults,
      // Sized like an instance's link-local allowance, so boot-time crawls run unthrottled (docs/decisions/0095).
      throttle: { imds: { ...DEFAULT_IMDS_THROTTLE }, ...faults.throttle },
    },
  };
}

function resolveInstance(value: unknown): MockInstance {
  const raw = objectField(C, 'instance', value, INSTANCE_FIELDS);
  const f = (key: string): string => join('instance', key);
  const region = stringField(C, f('region'), raw['region'], 'us-east-1', /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'a region name such as "us-east-1"');
  const credentialLifetimeS = intField(C, f('credentialLifetimeS'), raw['credentialLifetimeS'], 600, 43_200, 21_600);
  const rotateBeforeS = intField(C, f('rotateBeforeS'), raw['rotateBeforeS'], MIN_ROTATE_BEFORE_S, 43_200, Math.max(MIN_ROTATE_BEFORE_S, Math.min(900, Math.floor(credentialLifetimeS / 2))));
  if (rotateBeforeS >= credentialLifetimeS) {
    throw new MockConfigError(C, f('rotateBeforeS'), `${f('rotateBeforeS')} must be less than instance.credentialLifetimeS (${credentialLifetimeS}), got ${rotateBeforeS}`);
  }
  return {
    instanceId: stringField(C, f('instanceId'), raw['instanceId'], 'i-0abc1234def567890', /^i-[0-9a-f]{8}([0-9a-f]{9})?$/, 'an instance id such as "i-0abc1234def567890"'),
    instanceType: stringField(C, f('instanceType'), raw['instanceType'], 't3.micro', /^[a-z0-9-]+\.[a-z0-9]+$/, 'an instance type such as "t3.micro"'),
    amiId: stringField(C, f('amiId'), raw['amiId'], 'ami-0abcdef1234567890', /^ami-[0-9a-f]{8,17}$/, 'an AMI id such as "ami-0abcdef1234567890"'),
    hostname: stringField(C, f('hostname'), raw['hostname'], 'ip-10-0-1-23.ec2.internal', /^[A-Za-z0-9.-]{1,253}$/, 'a host name'),
    localIpv4: stringField(C, f('localIpv4'), raw['localIpv4'], '10.0.1.23', IPV4, 'an IPv4 address'),
    publicIpv4: stringField(C, f('publicIpv4'), raw['publicIpv4'], '203.0.113.25', /^$|^(?:\d{1,3}\.){3}\d{1,3}$/, 'an IPv4 address, or "" for none'),
    mac: stringField(C, f('mac'), raw['mac'], '0e:1a:2b:3c:4d:5e', /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/, 'a lower-case MAC address such as "0e:1a:2b:3c:4d:5e"'),
    region,
    availabilityZone: stringField(C, f('availabilityZone'), raw['availabilityZone'], `${region}a`, /^[a-z]{2}(-[a-z]+)+-\d{1,2}[a-z]$/, 'an availability zone such as "us-east-1a"'),
    role: raw['role'] === null ? null : stringField(C, f('role'), raw['role'], 'rolecall-app-role', NAME, `${NAME_HINT}, or null for no role`),
    httpTokens: enumField(C, f('httpTokens'), raw['httpTokens'], ['required', 'optional'] as const, 'required'),
    httpEndpoint: enumField(C, f('httpEndpoint'), raw['httpEndpoint'], ['enabled', 'disabled'] as const, 'enabled'),
    hopLimit: intField(C, f('hopLimit'), raw['hopLimit'], 1, 64, 2),
    tags: raw['tags'] === undefined || raw['tags'] === null ? null : stringRecordField(C, f('tags'), raw['tags']),
    userData: raw['userData'] === null ? null : stringField(C, f('userData'), raw['userData'], '#!/bin/bash\necho "hello from rolecall"\n'),
    credentialLifetimeS,
    rotateBeforeS,
    serveExpiredCredentials: boolField(C, f('serveExpiredCredentials'), raw['serveExpiredCredentials'], false),
    spotAction: resolveSpotAction(raw['spotAction']),
    scheduledEvents: resolveEvents(raw['scheduledEvents']),
    hops: resolveHops(raw['hops']),
    subnetIpv4CidrBlock: stringField(C, f('subnetIpv4CidrBlock'), raw['subnetIpv4CidrBlock'], '10.0.1.0/24', CIDR, CIDR_HINT),
    vpcIpv4CidrBlocks: resolveCidrs(raw['vpcIpv4CidrBlocks'], f('vpcIpv4CidrBlocks')),
  };
}

/** Where the clock starts: an ISO time the clock may show (docs/decisions/0090). */
function startTimeField(value: unknown): string {
  const iso = isoField(C, 'startTime', value, DEFAULT_START_TIME);
  const ms = Date.parse(iso);
  if (ms < MIN_CLOCK_MS || ms > MAX_CLOCK_MS) fail(C, 'startTime', 'a time from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z', value);
  return iso;
}

function resolveCidrs(value: unknown, field: string): string[] {
  if (value === undefined) return ['10.0.0.0/16'];
  if (!Array.isArray(value) || value.length === 0 || value.length > 5) fail(C, field, 'an array of 1 to 5 IPv4 CIDR blocks, the primary first', value);
  return value.map((cidr, i) => stringField(C, `${field}[${i}]`, cidr, '', CIDR, CIDR_HINT));
}

function resolveSpotAction(value: unknown): MockInstance['spotAction'] {
  if (value === undefined || value === null) return null;
  const raw = objectField(C, 'instance.spotAction', value, ['action', 'time']);
  if (raw['action'] === undefined) fail(C, 'instance.spotAction.action', 'one of "terminate", "stop", "hibernate"', undefined);
  return {
    action: enumField(C, 'instance.spotAction.action', raw['action'], ['terminate', 'stop', 'hibernate'] as const, 'terminate'),
    time: isoField(C, 'instance.spotAction.time', raw['time'], '2026-11-28T00:02:00Z'),
  };
}

function resolveEvents(value: unknown): MockInstance['scheduledEvents'] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(C, 'instance.scheduledEvents', 'an array of event objects', value);
  return value.map((event, i) => stringRecordField(C, `instance.scheduledEvents[${i}]`, event));
}

function resolveHops(value: unknown): Record<string, number> {
  if (value === undefined) return {};
  if (!isRecord(value)) fail(C, 'instance.hops', 'an object of client name to hop count', value);
  const out: Record<string, number> = {};
  for (const [client, hops] of Object.entries(value)) out[client] = intField(C, `instance.hops.${client}`, hops, 1, 255, 1);
  return out;
}

function resolveContainer(value: unknown): MockContainer {
  const raw = objectField(C, 'container', value, CONTAINER_FIELDS);
  const f = (key: string): string => join('container', key);
  const path = stringField(C, f('path'), raw['path'], '/v2/credentials/rolecall-task', /^\/[\w./-]{0,1023}$/, 'a path such as "/v2/credentials/rolecall-task"');
  if (path === '/' || path.startsWith('/latest') || path.startsWith('/_mock')) {
    throw new MockConfigError(C, f('path'), `${f('path')} must not be "/" or start with /latest or /_mock (IMDS and the control API live there), got "${path}"`);
  }
  return {
    enabled: boolField(C, f('enabled'), raw['enabled'], true),
    path,
    authorizationToken: raw['authorizationToken'] === null ? null : stringField(C, f('authorizationToken'), raw['authorizationToken'], 'rolecall-container-token', /^[\x21-\x7e]{1,1024}$/, 'a token of printable ASCII without spaces, or null for none'),
    role: stringField(C, f('role'), raw['role'], 'rolecall-task-role', NAME, NAME_HINT),
    credentialLifetimeS: intField(C, f('credentialLifetimeS'), raw['credentialLifetimeS'], 600, 43_200, 21_600),
    rps: intField(C, f('rps'), raw['rps'], 1, 1_000_000, 10),
    burst: intField(C, f('burst'), raw['burst'], 1, 1_000_000, 15),
  };
}

function resolveUsers(value: unknown): MockUser[] {
  if (value === undefined) {
    return [{ name: 'alice', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }];
  }
  if (!Array.isArray(value)) fail(C, 'users', 'an array of users', value);
  const seen = new Set<string>();
  return value.map((user, i) => {
    const field = `users[${i}]`;
    const raw = objectField(C, field, user, USER_FIELDS);
    for (const key of USER_FIELDS) if (raw[key] === undefined) fail(C, join(field, key), 'present', undefined);
    const accessKeyId = stringField(C, join(field, 'accessKeyId'), raw['accessKeyId'], '', /^AKIA[A-Z0-9]{12,124}$/, 'a long-term access key id starting with AKIA');
    if (seen.has(accessKeyId)) throw new MockConfigError(C, join(field, 'accessKeyId'), `${join(field, 'accessKeyId')} repeats another user's key ****${accessKeyId.slice(-4)}`);
    seen.add(accessKeyId);
    return {
      name: stringField(C, join(field, 'name'), raw['name'], '', NAME, NAME_HINT),
      accessKeyId,
      secretAccessKey: secretField(join(field, 'secretAccessKey'), raw['secretAccessKey']),
    };
  });
}

/** A secret key: checked like any field, but never echoed in the error. */
function secretField(field: string, value: unknown): string {
  if (typeof value !== 'string' || !/^\S{16,128}$/.test(value)) {
    const got = typeof value === 'string' ? `a string of ${value.length} characters (not shown)` : `a ${value === null ? 'null' : typeof value}`;
    throw new MockConfigError(C, field, `${field} must be a secret of 16 to 128 non-space characters, got ${got}`);
  }
  return value;
}

function resolveRoles(value: unknown, account: string, instanceRole: string | null): MockRole[] {
  if (value === undefined) {
    const roles: MockRole[] = [
      {
        name: 'rolecall-deploy',
        trust: [`arn:aws:iam::${account}:user/*`, `arn:aws:iam::${account}:role/*`],
        maxSessionDurationS: 3600,
        webIdentity: false,
      },
      { name: 'rolecall-web', trust: [], maxSessionDurationS: 3600, webIdentity: true },
    ];
    if (instanceRole !== null) roles.unshift({ name: instanceRole, trust: ['ec2.amazonaws.com'], maxSessionDurationS: 3600, webIdentity: false });
    return roles;
  }
  if (!Array.isArray(value)) fail(C, 'roles', 'an array of roles', value);
  const names = new Set<string>();
  return value.map((role, i) => {
    const field = `roles[${i}]`;
    const raw = objectField(C, field, role, ROLE_FIELDS);
    if (raw['name'] === undefined) fail(C, join(field, 'name'), NAME_HINT, undefined);
    const name = stringField(C, join(field, 'name'), raw['name'], '', NAME, NAME_HINT);
    if (names.has(name)) throw new MockConfigError(C, join(field, 'name'), `${join(field, 'name')} repeats the role "${name}"`);
    names.add(name);
    const trust = raw['trust'] ?? [];
    if (!Array.isArray(trust) || !trust.every((t) => typeof t === 'string' && t.length > 0)) {
      fail(C, join(field, 'trust'), 'an array of principal ARNs (wildcards allowed)', trust);
    }
    return {
      name,
      trust: [...(trust as string[])],
      maxSessionDurationS: intField(C, join(field, 'maxSessionDurationS'), raw['maxSessionDurationS'], 3600, 43_200, 3600),
      webIdentity: boolField(C, join(field, 'webIdentity'), raw['webIdentity'], false),
    };
  });
}
