import { describe, expect, it } from 'vitest';
import { type FaultPlan, MockConfigError, createMockAws, validateFaultPlan } from '../src/index.js';
import { ROLE_PATH, req, text } from './domain-helpers.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const GCI = 'Action=GetCallerIdentity&Version=2011-06-15';
/** IMDSv1 allowed and no throttles, so each test sees only its faults. */
const BASE = { instance: { httpTokens: 'optional' }, faults: { throttle: { imds: null } } } as const;

function mockWith(plan: FaultPlan) {
  const mock = createMockAws(BASE);
  mock.setFaults(plan);
  return mock;
}
const imdsGet = (mock: ReturnType<typeof createMockAws>, path = '/latest/meta-data/instance-id', client = 'app') => mock.handle(req('GET', path, {}, '', client));
const sts = (mock: ReturnType<typeof createMockAws>, body = GCI) => mock.handle(req('POST', '/', FORM, body));

describe('fault plan: the minimal form from docs/contracts.md', () => {
  const minimal = {
    seed: 7,
    rules: [
      { service: 'sts', action: 'GetCallerIdentity', status: 400, code: 'Throttling', times: 2 },
      { service: 'imds', path: '/latest/meta-data/iam/security-credentials/*', status: 500, probability: 0.1 },
      { service: 'imds', latencyMs: 250 },
    ],
    throttle: { sts: { rps: 50, burst: 10, per: 'client' } },
  };

  it('is accepted as is', () => {
    expect(validateFaultPlan(minimal).rules).toHaveLength(3);
  });

  it('throttles GetCallerIdentity twice with STS-shaped errors, then lets it through', async () => {
    const mock = mockWith(validateFaultPlan(minimal));
    const answers = [await sts(mock), await sts(mock), await sts(mock)];
    expect(answers.map((r) => r.status).slice(0, 2)).toEqual([400, 400]);
    expect(text(answers[0] ?? { status: 0, headers: {}, body: '' })).toContain('<Code>Throttling</Code><Message>Rate exceeded</Message>');
    expect(answers[2]?.status).not.toBe(400);
    expect(mock.journal().map((e) => e.fault)).toEqual(['rules[0]:status=400 Throttling', 'rules[0]:status=400 Throttling', null]);
  });

  it('fails a seeded share of credential reads, the same ones under the same seed', async () => {
    const run = async (): Promise<number[]> => {
      const mock = mockWith(validateFaultPlan(minimal));
      const failed: number[] = [];
      for (let i = 0; i < 200; i++) if ((await imdsGet(mock, ROLE_PATH)).status === 500) failed.push(i);
      return failed;
    };
    const a = await run();
    expect(a.length).toBeGreaterThan(5);
    expect(a.length).toBeLessThan(40);
    expect(await run()).toEqual(a);
  });

  it('adds latency to every IMDS answer as delayMs, and journals it', async () => {
    const mock = mockWith(validateFaultPlan(minimal));
    const res = await imdsGet(mock);
    expect(res.status).toBe(200);
    expect(res.delayMs).toBe(250);
    expect(mock.journal().at(-1)).toMatchObject({ delayMs: 250, fault: 'rules[2]:latency=250ms' });
  });
});

describe('fault effects', () => {
  it('shapes an IMDS error as its XHTML page, a container error as JSON, with extra headers', async () => {
    const mock = mockWith({
      rules: [
        { service: 'imds', status: 503, headers: { 'Retry-After': '2' } },
        { service: 'container', status: 500, code: 'InternalError', message: 'agent restarting' },
      ],
    });
    const imds = await imdsGet(mock);
    expect(imds.status).toBe(503);
    expect(text(imds)).toContain('<title>503 - Service Unavailable</title>');
    expect(imds.headers['retry-after']).toBe('2');
    const container = await mock.handle(req('GET', '/v2/credentials/rolecall-task', { authorization: 'rolecall-container-token' }));
    expect(container.status).toBe(500);
    expect(JSON.parse(text(container))).toEqual({ code: 'InternalError', message: 'agent restarting' });
    expect(mock.journal().map((e) => e.code)).toEqual(['ServiceUnavailable', 'InternalError']);
  });

  it('gives an STS rule without a code a real one for its status', async () => {
    const res = await sts(mockWith({ rules: [{ service: 'sts', status: 500 }] }));
    expect(res.status).toBe(500);
    expect(text(res)).toContain('<Type>Receiver</Type><Code>InternalFailure</Code>');
  });

  it.each([
    [{ hang: true }, { kind: 'hang' }],
    [{ reset: true }, { kind: 'reset' }],
    [{ truncateBytes: 5 }, { kind: 'truncate', bytes: 5 }],
  ])('delivers %j as %j', async (effect, delivery) => {
    const mock = mockWith({ rules: [{ service: 'imds', ...effect }] });
    const res = await imdsGet(mock);
    expect(res.delivery).toEqual(delivery);
    expect(text(res)).toBe('i-0abc1234def567890');
  });

  it('applies times: the next N matching requests only', async () => {
    const mock = mockWith({ rules: [{ service: 'imds', status: 500, times: 3 }] });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await imdsGet(mock)).status);
    expect(statuses).toEqual([500, 500, 500, 200, 200]);
  });

  it('applies nth: only the Nth matching request', async () => {
    const mock = mockWith({ rules: [{ service: 'imds', status: 500, nth: 3 }] });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await imdsGet(mock)).status);
    expect(statuses).toEqual([200, 200, 500, 200, 200]);
  });

  it('applies an outage window on the virtual clock, in ms since start or ISO', async () => {
    for (const window of [{ from: 60_000, until: 120_000 }, { from: '2026-11-28T00:01:00Z', until: '2026-11-28T00:02:00Z' }]) {
      const mock = mockWith({ rules: [{ service: 'imds', status: 503, ...window }] });
      const at = async (ms: number): Promise<number> => {
        mock.clock.set(Date.parse('2026-11-28T00:00:00Z') + ms);
        return (await imdsGet(mock)).status;
      };
      expect([await at(59_999), await at(60_000), await at(119_999), await at(120_000)]).toEqual([200, 503, 503, 200]);
    }
  });

  it('matches on action, path glob and client', async () => {
    const mock = mockWith({
      rules: [
        { service: 'imds', client: 'victim', status: 500 },
        { service: 'imds', path: '/latest/meta-data/placement/**', status: 404 },
        { service: 'imds', action: 'credentials', status: 502 },
      ],
    });
    expect((await imdsGet(mock, '/latest/meta-data/instance-id', 'victim')).status).toBe(500);
    expect((await imdsGet(mock, '/latest/meta-data/instance-id', 'other')).status).toBe(200);
    expect((await imdsGet(mock, '/latest/meta-data/placement/region')).status).toBe(404);
    expect((await imdsGet(mock, ROLE_PATH)).status).toBe(502);
  });

  it('combines effects of several rules, the first terminal rule ending the search', async () => {
    const mock = mockWith({
      rules: [
        { service: 'imds', latencyMs: 100 },
        { service: 'imds', status: 500, times: 1 },
        { service: 'imds', status: 503, times: 1 },
      ],
    });
    const first = await imdsGet(mock);
    expect([first.status, first.delayMs]).toEqual([500, 100]);
    expect(mock.journal().at(-1)?.fault).toBe('rules[0]:latency=100ms,rules[1]:status=500');
    expect((await imdsGet(mock)).status).toBe(503);
    expect((await imdsGet(mock)).status).toBe(200);
  });

  it('beats throttling: a fault status answers even when the bucket is empty', async () => {
    const mock = createMockAws({ instance: { httpTokens: 'optional' }, faults: { throttle: { imds: { rps: 1, burst: 1, per: 'client' } } } });
    mock.setFaults({ rules: [{ service: 'imds', status: 500, nth: 2 }] });
    expect([(await imdsGet(mock)).status, (await imdsGet(mock)).status, (await imdsGet(mock)).status]).toEqual([200, 500, 429]);
  });

  it('goes back to the configured plan on reset', async () => {
    const mock = createMockAws({ ...BASE, faults: { throttle: { imds: null }, rules: [{ service: 'imds', status: 418 }] } });
    mock.setFaults({ rules: [] });
    expect((await imdsGet(mock)).status).toBe(200);
    mock.reset();
    expect((await imdsGet(mock)).status).toBe(418);
  });
});

describe('validateFaultPlan', () => {
  it.each([
    [{ rules: [{ service: 'imds', status: 500, probability: 1.5 }] }, 'rules[0].probability', 'rules[0].probability must be a number from 0 to 1, got 1.5'],
    [{ rules: [{ service: 'imds' }] }, 'rules[0]', 'rules[0] has no effect: give it a status, latencyMs, hang, reset or truncateBytes'],
    [{ rules: [{ service: 'sts', code: 'Throttling' }] }, 'rules[0].code', 'rules[0].code needs a status beside it, e.g. { "status": 400, "code": "Throttling" }'],
    [{ rules: [{ service: 'imds', hang: true, reset: true }] }, 'rules[0].reset', 'rules[0] cannot both hang and reset: pick one'],
    [{ rules: [{ status: 500 }] }, 'rules[0].service', 'rules[0].service must be one of "imds", "sts", "iam", "container", got undefined'],
    [{ rules: [{ service: 'imds', status: 500, times: 0 }] }, 'rules[0].times', 'rules[0].times must be an integer from 1 to 9007199254740991, got 0'],
    [{ rules: [{ service: 'imds', status: 500, path: 'latest/*' }] }, 'rules[0].path', 'rules[0].path must be a path glob starting with "/", got "latest/*"'],
    [{ rules: [{ service: 'imds', status: 500, from: 'soon' }] }, 'rules[0].from', 'rules[0].from must be an ISO-8601 time or milliseconds since the mock started, got "soon"'],
    [{ rules: {} }, 'rules', 'rules must be an array of rules, got {}'],
    [{ throttle: { sts: { burst: 3 } } }, 'throttle.sts.rps', 'throttle.sts.rps must be a number of requests per second above 0, got undefined'],
    [{ throttle: { sts: { rps: 5, per: 'ip' } } }, 'throttle.sts.per', 'throttle.sts.per must be one of "client", "service", got "ip"'],
    [{ throttle: { ec2: null } }, 'throttle.ec2', 'throttle.ec2 is not a known field; throttle accepts: imds, sts, container'],
    [{ rule: [] }, 'rule', 'rule is not a known field; the top level accepts: seed, rules, throttle'],
    [[], '', 'the top level must be an object, got []'],
  ])('refuses %j naming the field', (plan, field, message) => {
    let error: unknown;
    try {
      validateFaultPlan(plan, '');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MockConfigError);
    expect((error as MockConfigError).code).toBe('ERR_ROLECALL_FAULT_PLAN');
    expect((error as MockConfigError).field).toBe(field);
    expect((error as MockConfigError).message).toBe(message);
  });

  it('setFaults throws the same precise error and keeps the old plan', async () => {
    const mock = mockWith({ rules: [{ service: 'imds', status: 500 }] });
    expect(() => mock.setFaults({ rules: [{ service: 'imds', status: 99 }] })).toThrow('faults.rules[0].status must be an integer from 100 to 599, got 99');
    expect((await imdsGet(mock)).status).toBe(500);
  });
});
