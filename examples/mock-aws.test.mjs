// The fake AWS in a vitest test: your code against an instance with a role,
// in-process through the mock's undici Dispatcher (no socket) and over a
// loopback server for anything that needs a real URL. Run with `npx vitest run`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient, createVirtualClock, defaultCredentials, getCallerIdentity } from '@rolecall/core';
import { createMockAws, mockDispatcher, startMockServer } from '@rolecall/mock-aws';

const mock = createMockAws({ instance: { httpTokens: 'required', hopLimit: 1 } }); // virtual clock
const dispatcher = mockDispatcher(mock);          // undici Dispatcher, in-process
const server = await startMockServer(mock, { port: 0 }); // loopback, for real tools
// setupServer(...handlers(mock)) for code that uses fetch / node:http (MSW): msw-fetch.mjs

// The client signs and judges expiry on a clock that starts at the mock's time.
const clock = createVirtualClock(mock.clock.now());
let homeDir = '';
beforeAll(async () => {
  homeDir = await mkdtemp(join(tmpdir(), 'example-home-')); // no ~/.aws files: the chain reaches IMDS
});
afterAll(async () => {
  await server.close();
  await rm(homeDir, { recursive: true, force: true });
});

// Everything the chain and the client read comes in as options, not from this process.
const credentialsFor = () => defaultCredentials({ env: {}, homeDir, dispatcher, clock, shared: false });

it('gets the instance role from IMDSv2, and new credentials after the mock rotates them', async () => {
  const credentials = credentialsFor();
  const first = await credentials();
  expect(first.source).toBe('imds');
  mock.clock.advance(6 * 3600_000);                  // the next credential generation
  await clock.advance(6 * 3600_000);
  const second = await credentials();
  expect(second.accessKeyId).not.toBe(first.accessKeyId);
  expect(mock.journal().map((e) => e.path)).toContain('/latest/api/token');
});

it('calls STS as that role, signed, through the in-process dispatcher', async () => {
  const client = createClient({ dispatcher, clock, env: {}, region: 'us-east-1', credentials: credentialsFor() });
  const me = await getCallerIdentity(client);
  expect(me.Arn).toBe(`arn:aws:sts::${mock.config.account}:assumed-role/${mock.config.instance.role}/${mock.config.instance.instanceId}`);
  const journal = JSON.stringify(mock.journal());   // every request, secrets redacted
  expect(journal).toContain('GetCallerIdentity');
  await client.close();
});

it('serves the same instance over the loopback server', async () => {
  const put = await fetch(new URL('/latest/api/token', server.url), { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } });
  const token = await put.text();
  const id = await fetch(new URL('/latest/meta-data/instance-id', server.url), { headers: { 'x-aws-ec2-metadata-token': token } });
  expect(await id.text()).toBe(mock.config.instance.instanceId);
});
