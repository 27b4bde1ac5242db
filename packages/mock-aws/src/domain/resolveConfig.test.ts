import { describe, expect, it } from 'vitest';
import { MockConfigError } from './MockConfigError.js';
import type { MockConfig } from './MockConfig.js';
import { resolveConfig } from './resolveConfig.js';

function errorOf(config: unknown): MockConfigError {
  try {
    resolveConfig(config as MockConfig);
  } catch (error) {
    if (error instanceof MockConfigError) return error;
    throw error;
  }
  throw new Error('resolveConfig accepted the config');
}

describe('resolveConfig', () => {
  it('gives a realistic instance with a role, IMDSv2 only, from nothing', () => {
    const c = resolveConfig();
    expect(c.account).toBe('123456789012');
    expect(c.startTime).toBe('2026-11-28T00:00:00Z');
    expect(c.instance).toMatchObject({
      instanceId: 'i-0abc1234def567890', region: 'us-east-1', availabilityZone: 'us-east-1a', role: 'rolecall-app-role',
      httpTokens: 'required', httpEndpoint: 'enabled', hopLimit: 2, credentialLifetimeS: 21_600, rotateBeforeS: 900,
      serveExpiredCredentials: false, tags: null,
    });
    expect(c.users).toMatchObject([{ name: 'alice', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', boundary: null }]);
    expect(Object.keys(c.users[0]?.policies ?? {})).toEqual(['developer-read-only']);
    expect(c.container).toMatchObject({ enabled: true, path: '/v2/credentials/rolecall-task', authorizationToken: 'rolecall-container-token', rps: 10, burst: 15 });
    const deploy = c.roles.find((r) => r.name === 'rolecall-deploy');
    expect(JSON.stringify(deploy?.trustPolicy)).toContain('"AWS":["arn:aws:iam::123456789012:user/alice","arn:aws:iam::123456789012:role/rolecall-app-role","arn:aws:iam::123456789012:role/rolecall-web","arn:aws:iam::123456789012:role/rolecall-deploy"]');
    expect(c.roles.some((r) => r.webIdentity)).toBe(true);
    expect(c.roles.some((r) => r.name === 'rolecall-app-role')).toBe(true);
    expect(c.faults.throttle?.imds).toEqual({ rps: 256, burst: 256, per: 'client', rejectCost: 0 });
  });

  it('derives defaults from what was given: the account in trust, the zone from the region', () => {
    const c = resolveConfig({ account: '210987654321', instance: { region: 'eu-west-2' } });
    expect(c.instance.availabilityZone).toBe('eu-west-2a');
    expect(JSON.stringify(c.roles.find((r) => r.name === 'rolecall-deploy')?.trustPolicy)).toContain('arn:aws:iam::210987654321:user/alice');
  });

  it('adds the instance role when custom roles leave it out, and allows no role at all', () => {
    expect(resolveConfig({ roles: [{ name: 'other' }] }).roles.map((r) => r.name)).toEqual(['rolecall-app-role', 'other']);
    expect(resolveConfig({ instance: { role: null } }).instance.role).toBeNull();
  });

  it('keeps an explicit null throttle (switched off)', () => {
    expect(resolveConfig({ faults: { throttle: { imds: null } } }).faults.throttle?.imds).toBeNull();
  });

  it.each([
    [{ instance: { hopLimit: 0 } }, 'instance.hopLimit', 'instance.hopLimit must be an integer from 1 to 64, got 0'],
    [{ instance: { hopLimit: 2.5 } }, 'instance.hopLimit', 'instance.hopLimit must be an integer from 1 to 64, got 2.5'],
    [{ instance: { httpTokens: 'sometimes' } }, 'instance.httpTokens', 'instance.httpTokens must be one of "required", "optional", got "sometimes"'],
    [{ instance: { rotateBeforeS: 60 } }, 'instance.rotateBeforeS', 'instance.rotateBeforeS must be an integer from 300 to 43200, got 60'],
    [{ instance: { credentialLifetimeS: 900, rotateBeforeS: 900 } }, 'instance.rotateBeforeS', 'instance.rotateBeforeS must be less than instance.credentialLifetimeS (900), got 900'],
    [{ account: '12' }, 'account', 'account must be a 12-digit account id, got "12"'],
    [{ startTime: 'yesterday' }, 'startTime', 'startTime must be an ISO-8601 time such as "2026-11-28T00:00:00Z", got "yesterday"'],
    [{ container: { path: '/latest/creds' } }, 'container.path', 'container.path must not be "/" or start with /latest or /_mock (IMDS and the control API live there), got "/latest/creds"'],
    [{ users: [{ name: 'bob', accessKeyId: 'nope', secretAccessKey: 'x'.repeat(40) }] }, 'users[0].accessKeyId', 'users[0].accessKeyId must be a long-term access key id starting with AKIA, got "nope"'],
    [{ roles: [{ name: 'a', maxSessionDurationS: 100 }] }, 'roles[0].maxSessionDurationS', 'roles[0].maxSessionDurationS must be an integer from 3600 to 43200, got 100'],
    [{ faults: { rules: [{ service: 'ec2', status: 500 }] } }, 'faults.rules[0].service', 'faults.rules[0].service must be one of "imds", "sts", "iam", "container", got "ec2"'],
  ])('refuses %j naming the field', (config, field, message) => {
    const error = errorOf(config);
    expect(error.code).toBe('ERR_ROLECALL_MOCK_CONFIG');
    expect(error.field).toBe(field);
    expect(error.message).toBe(message);
  });

  it('names an unknown field and the fields it accepts (a typo in a config file)', () => {
    const error = errorOf({ instance: { hopLimt: 1 } });
    expect(error.field).toBe('instance.hopLimt');
    expect(error.message).toMatch(/^instance\.hopLimt is not a known field; instance accepts: .*hopLimit/);
  });

  it('never echoes a user secret in an error', () => {
    const secret = 'TOPSECRET value';
    const error = errorOf({ users: [{ name: 'bob', accessKeyId: 'AKIAI44QH8DHBEXAMPLE', secretAccessKey: secret }] });
    expect(error.field).toBe('users[0].secretAccessKey');
    expect(error.message).toBe('users[0].secretAccessKey must be a secret of 16 to 128 non-space characters, got a string of 15 characters (not shown)');
    expect(error.message).not.toContain('TOPSECRET');
  });

  it('accepts its own output unchanged', () => {
    const once = resolveConfig({ instance: { httpTokens: 'optional', tags: { Name: 'web' } } });
    expect(resolveConfig(once)).toEqual(once);
  });

  it('refuses a start time the clock cannot show, and VPC blocks that are not CIDRs', () => {
    expect(errorOf({ startTime: '+200000-01-01T00:00:00Z' }).field).toBe('startTime');
    expect(errorOf({ instance: { vpcIpv4CidrBlocks: ['10.0.0.0/33'] } }).field).toBe('instance.vpcIpv4CidrBlocks[0]');
    expect(errorOf({ instance: { subnetIpv4CidrBlock: '10.0.1.0' } }).field).toBe('instance.subnetIpv4CidrBlock');
  });
});
