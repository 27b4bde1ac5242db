/**
 * The three fronts answer alike: three mocks built from the same config and
 * seed, on the virtual clock, receive the same sequence of requests, one
 * through each front; status, headers of interest and body must match.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import aws4 from 'aws4';
import { getResponse } from 'msw';
import { request } from 'undici';
import { createMockAws, handlers, mockDispatcher, startMockServer } from '../src/index.js';
import type { MockAws, MockServer } from '../src/index.js';

interface Answer {
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
}
interface Step {
  name: string;
  method: string;
  path: string;
  headers?: (previous: Answer[]) => Record<string, string>;
  body?: string;
  /** Sign as STS with the first configured user for this host, at the mock's time. */
  sts?: boolean;
}

const HEADERS_OF_INTEREST = ['content-type', 'allow', 'x-aws-ec2-metadata-token-ttl-seconds', 'x-amzn-requestid', 'server'];
const CONTAINER_TOKEN = createMockAws().config.container.authorizationToken ?? '';
const token = (previous: Answer[]): Record<string, string> => ({ 'x-aws-ec2-metadata-token': previous[0]!.body });

const STEPS: Step[] = [
  { name: 'token PUT', method: 'PUT', path: '/latest/api/token', headers: () => ({ 'x-aws-ec2-metadata-token-ttl-seconds': '300' }) },
  { name: 'token bad TTL', method: 'PUT', path: '/latest/api/token', headers: () => ({ 'x-aws-ec2-metadata-token-ttl-seconds': '0' }) },
  { name: 'token wrong method', method: 'GET', path: '/latest/api/token' },
  { name: 'read without token', method: 'GET', path: '/latest/meta-data/instance-id' },
  { name: 'instance-id', method: 'GET', path: '/latest/meta-data/instance-id', headers: token },
  { name: 'directory', method: 'GET', path: '/latest/meta-data/', headers: token },
  { name: 'role listing', method: 'GET', path: '/latest/meta-data/iam/security-credentials/', headers: token },
  { name: 'missing item', method: 'GET', path: '/latest/meta-data/nope', headers: token },
  { name: 'role credentials', method: 'GET', path: '/latest/meta-data/iam/security-credentials/rolecall-app-role', headers: token },
  { name: 'container credentials', method: 'GET', path: '/v2/credentials/rolecall-task', headers: () => ({ authorization: CONTAINER_TOKEN }) },
  { name: 'container wrong token', method: 'GET', path: '/v2/credentials/rolecall-task', headers: () => ({ authorization: 'wrong' }) },
  { name: 'identity document', method: 'GET', path: '/latest/dynamic/instance-identity/document', headers: token },
  { name: 'STS GetCallerIdentity', method: 'POST', path: '/', body: 'Action=GetCallerIdentity&Version=2011-06-15', sts: true },
  { name: 'STS unsigned', method: 'POST', path: '/', body: 'Action=GetCallerIdentity&Version=2011-06-15', headers: () => ({ 'content-type': 'application/x-www-form-urlencoded' }) },
  { name: 'STS unknown action', method: 'POST', path: '/', body: 'Action=Frobnicate&Version=2011-06-15', sts: true },
  { name: 'control config', method: 'GET', path: '/_mock/config' },
  { name: 'control write without JSON type', method: 'POST', path: '/_mock/clock', body: '{"advanceMs":1}', headers: () => ({ 'content-type': 'text/plain' }) },
  { name: 'control deep JSON', method: 'POST', path: '/_mock/faults', body: `${'['.repeat(5000)}${']'.repeat(5000)}`, headers: () => ({ 'content-type': 'application/json' }) },
  { name: 'control clock past 9999', method: 'POST', path: '/_mock/clock', body: '{"advanceMs":8.64e15}', headers: () => ({ 'content-type': 'application/json' }) },
];

const CONFIG = { seed: 42, faults: { throttle: { imds: null, sts: null, container: null } } } as const;

type Send = (step: Step, headers: Record<string, string>) => Promise<Answer>;

function signed(mock: MockAws, host: string, step: Step): Record<string, string> {
  const user = mock.config.users[0]!;
  const date = new Date(mock.clock.now()).toISOString().replace(/[:-]|\.\d{3}/g, '');
  const out = aws4.sign(
    { host, path: step.path, method: step.method, service: 'sts', region: 'us-east-1', body: step.body ?? '', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Amz-Date': date } },
    { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey },
  );
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(out.headers ?? {})) if (k.toLowerCase() !== 'content-length') headers[k.toLowerCase()] = String(v);
  return headers;
}

async function run(mock: MockAws, host: string, send: Send): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const step of STEPS) {
    const headers = { 'x-rolecall-client': 'same', ...(step.headers?.(answers) ?? {}), ...(step.sts ? signed(mock, host, step) : {}) };
    const answer = await send(step, headers);
    // Request ids and timestamps come from the seeded random and virtual clock: identical across mocks.
    answers.push({ ...answer, headers: Object.fromEntries(HEADERS_OF_INTEREST.map((h) => [h, answer.headers[h]])) });
  }
  return answers;
}

let server: MockServer;
const mocks = { server: createMockAws(CONFIG), dispatcher: createMockAws(CONFIG), msw: createMockAws(CONFIG) };
beforeAll(async () => {
  server = await startMockServer(mocks.server, { port: 0 });
});
afterAll(() => server.close());

describe('the three fronts answer alike', () => {
  it('for a sample of IMDS, STS and control routes', async () => {
    const viaServer = await run(mocks.server, 'imds.test', async (step, headers) => {
      // The control API answers only its own Host on a socket (the DNS-rebinding guard): let undici name it.
      const host = step.path.startsWith('/_mock/') ? {} : { host: 'imds.test' };
      const res = await request(`${server.url}${step.path}`, { method: step.method, headers: { ...headers, ...host }, body: step.body ?? null });
      return { status: res.statusCode, headers: res.headers as Record<string, string>, body: await res.body.text() };
    });
    const dispatcher = mockDispatcher(mocks.dispatcher);
    const viaDispatcher = await run(mocks.dispatcher, 'imds.test', async (step, headers) => {
      const res = await request(`http://169.254.169.254${step.path}`, { method: step.method, headers: { ...headers, host: 'imds.test' }, body: step.body ?? null, dispatcher });
      return { status: res.statusCode, headers: res.headers as Record<string, string>, body: await res.body.text() };
    });
    const list = handlers(mocks.msw, { baseUrls: ['http://imds.test'] });
    const viaMsw = await run(mocks.msw, 'imds.test', async (step, headers) => {
      const res = await getResponse(list, new Request(`http://imds.test${step.path}`, { method: step.method, headers, body: step.body ?? null }));
      if (res === undefined) throw new Error(`MSW did not answer ${step.name}`);
      return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
    });

    const table = (answers: Answer[]) => answers.map((a, i) => ({ step: STEPS[i]!.name, ...a }));
    expect(table(viaDispatcher)).toEqual(table(viaServer));
    expect(table(viaMsw)).toEqual(table(viaServer));
    // And the sample means something: success, client errors and STS XML all occur.
    expect(viaServer.map((a) => a.status)).toEqual(expect.arrayContaining([200, 400, 401, 404, 405, 403, 415]));
    expect(mocks.server.config.container.path).toBe('/v2/credentials/rolecall-task');
    expect(mocks.server.config.instance.role).toBe('rolecall-app-role');
    expect(mocks.server.journal().length).toBe(STEPS.filter((s) => !s.path.startsWith('/_mock/')).length);
  });
});
